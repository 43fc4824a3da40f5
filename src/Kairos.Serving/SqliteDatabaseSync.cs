using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Kairos.Serving;

/// <summary>
/// Syncs a connection's database file through SQLite's own file handle (its VFS's xSync), so no second descriptor is
/// opened: closing any descriptor of the file would drop the process's POSIX locks on it, SQLite's included.
/// <para>Why the store needs it: a passive checkpoint syncs the database only when it has copied the WAL up to its
/// current end, which a checkpoint running beside the writer almost never does, so the pages it copies stay dirty in
/// the page cache and the writer's RESTART checkpoint — the only one that reaches the end — pays for syncing them all
/// (thousands of scattered pages: tens of ms on the commit path). Syncing them here first leaves it the tail.</para>
/// </summary>
internal static class SqliteDatabaseSync
{
    private const int FileControlFilePointer = 7;   // SQLITE_FCNTL_FILE_POINTER
    private const int SyncNormal = 2;               // SQLITE_SYNC_NORMAL
    private const int XSyncSlot = 5;                // sqlite3_io_methods: iVersion, xClose, xRead, xWrite, xTruncate, xSync

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int XSync(IntPtr file, int flags);

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_file_control(IntPtr db, [MarshalAs(UnmanagedType.LPUTF8Str)] string schema, int op, out IntPtr file);

    /// <summary>Flushes the main database file of <paramref name="connection"/> to disk; call it on the thread that owns
    /// the connection, between statements.</summary>
    public static void Run(SqliteConnection connection)
    {
        var db = (connection.Handle ?? throw new InvalidOperationException("the connection is not open.")).DangerousGetHandle();
        int rc = sqlite3_file_control(db, "main", FileControlFilePointer, out IntPtr file);
        if (rc != 0) SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        IntPtr methods = Marshal.ReadIntPtr(file);
        var sync = Marshal.GetDelegateForFunctionPointer<XSync>(Marshal.ReadIntPtr(methods, XSyncSlot * IntPtr.Size));
        rc = sync(file, SyncNormal);
        if (rc != 0) SqliteException.ThrowExceptionForRC(rc, connection.Handle);
    }
}
