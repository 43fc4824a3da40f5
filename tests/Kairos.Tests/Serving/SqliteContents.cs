using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Kairos.Tests.Serving;

/// <summary>
/// The logical content of a SQLite database: its schema and every row of every table (blobs as hex), rows sorted.
/// Two dumps are equal exactly when the stored state is, whatever checkpoints moved between the WAL and the file
/// (a checkpoint rewrites page 1's change counter, so raw bytes are no measure of "nothing was written").
/// </summary>
internal static class SqliteContents
{
    public static string Dump(string db)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        using var tx = c.BeginTransaction();   // one read snapshot for every table
        var schema = Rows(c, tx, "SELECT type, name, tbl_name, sql FROM sqlite_master");
        var lines = new List<string>(schema.Select(r => "schema " + r));
        foreach (string table in schema.Select(r => r.Split('|')).Where(f => f[0] == "table").Select(f => f[1]).Order(StringComparer.Ordinal))
            lines.AddRange(Rows(c, tx, $"SELECT * FROM \"{table}\"").Select(r => $"{table} {r}"));
        return string.Join('\n', lines);
    }

    private static List<string> Rows(SqliteConnection c, SqliteTransaction tx, string sql)
    {
        using var q = c.CreateCommand();
        q.Transaction = tx;
        q.CommandText = sql;
        using var r = q.ExecuteReader();
        var rows = new List<string>();
        while (r.Read())
            rows.Add(string.Join('|', Enumerable.Range(0, r.FieldCount).Select(i => Render(r.GetValue(i)))));
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static string Render(object value) => value switch
    {
        DBNull => "NULL",
        byte[] blob => "x'" + Convert.ToHexString(blob) + "'",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
