using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Kairos.Serving;

/// <summary>
/// A busy handler for one call on a connection (SQLitePCLRaw wraps only the busy timeout): a lock another connection
/// holds is retried, yielding the CPU between tries, until <c>wait</c> has passed since <see cref="Run"/> began, then
/// given up. SQLite's own busy timeout sleeps a whole millisecond at its first retry, far longer than a reader's
/// transaction holds its lock. Afterwards the connection's busy timeout is set back.
/// </summary>
internal sealed class SqliteShortBusyWait
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int Callback(IntPtr arg, int tries);

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_busy_handler(IntPtr db, Callback? callback, IntPtr arg);

    private readonly sqlite3 _db;
    private readonly Callback _callback;   // a field: SQLite calls it while installed, so it must not be collected
    private readonly TimeSpan _wait;
    private readonly int _timeoutMs;
    private long _start;

    public SqliteShortBusyWait(SqliteConnection connection, TimeSpan wait, int timeoutMs)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open.");
        _callback = Retry;
        _wait = wait;
        _timeoutMs = timeoutMs;
    }

    /// <summary>Runs <paramref name="call"/> with this handler, then restores the busy timeout of <c>timeoutMs</c>.</summary>
    public int Run(Func<sqlite3, int> call)
    {
        _start = Stopwatch.GetTimestamp();
        sqlite3_busy_handler(_db.DangerousGetHandle(), _callback, IntPtr.Zero);
        try { return call(_db); }
        finally { raw.sqlite3_busy_timeout(_db, _timeoutMs); }   // installs SQLite's own handler in place of this one
    }

    private int Retry(IntPtr arg, int tries)
    {
        if (Stopwatch.GetElapsedTime(_start) >= _wait) return 0;
        Thread.Yield();
        return 1;
    }
}
