using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Kairos.Serving;

/// <summary>
/// SQLite's WAL hook on one connection (SQLitePCLRaw does not wrap it): after each commit SQLite reports how many
/// frames the WAL holds, so the store knows the WAL's size without a system call. It takes the place of the
/// auto-checkpoint, itself a WAL hook, which the store's write connection has off. <see cref="Frames"/> is written on
/// the thread that commits; read it there.
/// </summary>
internal sealed class SqliteWalHook : IDisposable
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int Callback(IntPtr arg, IntPtr db, IntPtr schema, int frames);

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern IntPtr sqlite3_wal_hook(IntPtr db, Callback? callback, IntPtr arg);

    private readonly IntPtr _db;
    private readonly Callback _callback;   // a field: SQLite calls it until Dispose, so it must not be collected

    public SqliteWalHook(SqliteConnection connection)
    {
        _db = (connection.Handle ?? throw new InvalidOperationException("the connection is not open.")).DangerousGetHandle();
        _callback = OnCommit;
        sqlite3_wal_hook(_db, _callback, IntPtr.Zero);
    }

    /// <summary>Frames in the WAL after the last commit on this connection (0 until the first).</summary>
    public int Frames { get; private set; }

    private int OnCommit(IntPtr arg, IntPtr db, IntPtr schema, int frames)
    {
        Frames = frames;
        return 0;
    }

    /// <summary>Removes the hook; call it before the connection closes (a pooled connection outlives this object).</summary>
    public void Dispose() => sqlite3_wal_hook(_db, null, IntPtr.Zero);
}
