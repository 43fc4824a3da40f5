using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Kairos.Serving;

/// <summary>
/// The SQLite store's checkpoints, and the bound on its WAL.
/// <para>A background connection runs a passive checkpoint every ~500 ms: it copies the WAL's frames into the database
/// while the writer keeps appending, off the commit path. That alone lets the WAL grow for as long as writes keep
/// coming: SQLite writes the WAL from its start again only when a write transaction begins with every frame copied,
/// and a checkpoint that runs beside the writer always leaves the frames appended meanwhile.</para>
/// <para>So the writer thread, between two batches (its callers already acknowledged), restarts the WAL itself once the
/// WAL holds half of <c>walLimitBytes</c>: first it wakes the background checkpoint, which copies the bulk while commits
/// go on, and then syncs the database file (<see cref="SqliteDatabaseSync"/>: a passive checkpoint that does not reach the
/// WAL's end leaves the pages it copied unsynced); when that checkpoint has finished, the writer runs a RESTART
/// checkpoint on the write connection. No write can interleave there, so it copies the few frames appended since, syncs, and starts the WAL over; it takes SQLite's
/// checkpoint lock, so it waits for a background checkpoint still in progress (<see cref="_gate"/> keeps the two from
/// racing for it). It waits at most <see cref="ReaderWait"/> for readers: a reader that began while frames were still
/// to be copied holds a snapshot inside the WAL until its transaction ends (readers that begin after the copy read the
/// database file alone and do not count); past that wait it gives the restart up, and the next commit tries again
/// (SQLite restarts a fully copied WAL there if that reader is gone). Readers always see a consistent snapshot, and what
/// is acknowledged stays durable — both are SQLite's guarantees for any checkpoint. Should the background checkpoint
/// be late, the writer does not wait for it once the WAL holds the whole limit, unless its previous restart gave up
/// (readers), in which case it waits for one more background checkpoint, so busy readers cannot make it stall at every
/// batch.</para>
/// <para>journal_size_limit = the limit: at the first commit after a restart SQLite truncates a WAL file that had grown
/// beyond it (it does not shrink the file below it, so a WAL that stays within the limit reuses its blocks).</para>
/// </summary>
internal sealed class SqliteCheckpoints : IAsyncDisposable
{
    /// <summary>Each restart holds the writer for two fsyncs of the tail (and the next commit for a third, of the WAL's
    /// new header): 18 ms on average on this machine's quiet disk (docs/serving.md, "The final quiet A/B of session 20"),
    /// so restarts are kept rare: with 1 GiB the WAL starts over about every 512 MiB, every ~20 s at 4,000 requests/s.</summary>
    public const long DefaultWalLimit = 1L << 30;
    public const long MinWalLimit = 64L << 10;
    /// <summary>A read transaction of the store lasts tens of microseconds; a reader descheduled on a busy machine can
    /// take longer, and then the restart waits for the next batch rather than stall the writer.</summary>
    private static readonly TimeSpan ReaderWait = TimeSpan.FromMilliseconds(1);

    private readonly SqliteShortBusyWait _readerWait;
    private readonly SqliteWalHook _hook;
    private readonly int _limitFrames;
    private readonly SemaphoreSlim _gate = new(1, 1), _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _background;
    private long _started, _finished;   // background checkpoints begun and done
    private long _waitingFor = -1;      // the background checkpoint the writer waits for (its number), -1: none asked
    private bool _lastGaveUp;

    public SqliteCheckpoints(SqliteConnection write, Func<SqliteConnection> open, long walLimitBytes)
    {
        if (walLimitBytes < MinWalLimit)
            throw new ArgumentOutOfRangeException(nameof(walLimitBytes), walLimitBytes, $"the WAL limit must be at least {MinWalLimit >> 10} KB.");
        _readerWait = new SqliteShortBusyWait(write, ReaderWait, SqliteUserStateStore.BusyTimeoutMs);
        Pragma(write, $"journal_size_limit={walLimitBytes}");
        long frameBytes = Pragma(write, "page_size") + 24;   // a WAL frame: a 24-byte header and one page
        _limitFrames = (int)Math.Min(int.MaxValue, (walLimitBytes - 32) / frameBytes);   // the file: a 32-byte header, frames
        _hook = new SqliteWalHook(write);
        _background = Task.Run(() => Background(open));
    }

    public WalRestartStats Restarts { get; } = new();

    private static long Pragma(SqliteConnection c, string pragma)
    {
        using var q = c.CreateCommand();
        q.CommandText = $"PRAGMA {pragma};";
        return Convert.ToInt64(q.ExecuteScalar());
    }

    /// <summary>Run by the writer thread after each batch.</summary>
    public void AfterBatch()
    {
        int frames = _hook.Frames;
        if (frames < _limitFrames / 2) return;
        if (_waitingFor < 0)
        {
            _waitingFor = Interlocked.Read(ref _started) + 1;
            if (_wake.CurrentCount == 0) _wake.Release();   // only this thread releases, so it never overfills
        }
        bool copied = Interlocked.Read(ref _finished) >= _waitingFor;
        if (!copied && (frames < _limitFrames || _lastGaveUp)) return;
        Restart();
        _waitingFor = -1;
    }

    private void Restart()
    {
        long start = Stopwatch.GetTimestamp();
        _gate.Wait();
        int rc;
        try { rc = _readerWait.Run(db => raw.sqlite3_wal_checkpoint_v2(db, "main", raw.SQLITE_CHECKPOINT_RESTART, out _, out _)); }
        finally { _gate.Release(); }
        _lastGaveUp = rc != raw.SQLITE_OK;   // BUSY: a reader holds a snapshot in the WAL; anything else fails the next commit too
        Restarts.Record(Stopwatch.GetElapsedTime(start).TotalSeconds, rc == raw.SQLITE_OK);
    }

    private async Task Background(Func<SqliteConnection> open)
    {
        try
        {
            await using var c = open();
            using var checkpoint = c.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            while (!_stop.IsCancellationRequested)
            {
                await _wake.WaitAsync(500, _stop.Token).ConfigureAwait(false);
                await _gate.WaitAsync(_stop.Token).ConfigureAwait(false);
                try
                {
                    Interlocked.Increment(ref _started);
                    checkpoint.ExecuteNonQuery();
                    if (Volatile.Read(ref _waitingFor) >= 0) SqliteDatabaseSync.Run(c);   // the restart then syncs only the tail
                    Interlocked.Increment(ref _finished);
                }
                finally { _gate.Release(); }
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>After the writer has stopped: ends the background checkpoints and removes the hook.</summary>
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _background.ConfigureAwait(false);
        _hook.Dispose();
    }
}
