using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Kairos.Serving;

/// <summary>
/// A statement of the group-commit writer, prepared once on the write connection and stepped through SQLite's own API
/// with positional parameters (?1, ?2, …). Binding allocates nothing: numbers bind directly and strings are encoded
/// into a reused buffer that SQLite copies, where <c>SqliteCommand</c> allocates a binder per parameter and a reader and
/// an enumerator per execution — the largest share of the server's allocations per request. One thread at a time.
/// </summary>
internal sealed class SqliteWriteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;
    private byte[] _utf8 = new byte[256];

    public SqliteWriteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the write connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public SqliteWriteStatement Bind(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    public SqliteWriteStatement Bind(int index, double? value)
    {
        Check(value is { } v ? raw.sqlite3_bind_double(_statement, index, v) : raw.sqlite3_bind_null(_statement, index));
        return this;
    }

    public SqliteWriteStatement Bind(int index, string? value)
    {
        if (value is null) Check(raw.sqlite3_bind_null(_statement, index));
        else if (value.Length == 0) Check(raw.sqlite3_bind_text(_statement, index, ""));   // an empty span would bind NULL
        else
        {
            int most = Encoding.UTF8.GetMaxByteCount(value.Length);
            if (_utf8.Length < most) _utf8 = new byte[Math.Max(most, 2 * _utf8.Length)];
            int length = Encoding.UTF8.GetBytes(value, _utf8);
            Check(raw.sqlite3_bind_text(_statement, index, _utf8.AsSpan(0, length)));
        }
        return this;
    }

    public SqliteWriteStatement Bind(int index, byte[]? value)
    {
        Check(value is null ? raw.sqlite3_bind_null(_statement, index)
            : value.Length == 0 ? raw.sqlite3_bind_zeroblob(_statement, index, 0)   // an empty span would bind NULL
            : raw.sqlite3_bind_blob(_statement, index, value));
        return this;
    }

    /// <summary>Runs the statement with the values bound; returns the number of rows it changed.</summary>
    public int Execute()
    {
        try
        {
            int rc = raw.sqlite3_step(_statement);
            if (rc != raw.SQLITE_DONE) Check(rc);
            return raw.sqlite3_changes(_db);
        }
        finally { raw.sqlite3_reset(_statement); }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void Dispose() => _statement.Dispose();
}
