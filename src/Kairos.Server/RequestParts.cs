using System.Globalization;
using System.Text;
using Kairos.Serving;

namespace Kairos.Server;

/// <summary>
/// Where the serving routes' handler time goes, summed over all requests and over the slow ones (above
/// <see cref="SlowSeconds"/>, the issue's p99 target): the parts of <see cref="RequestTiming"/>, the rest of the
/// handler ("other": body, policy, answer), and the garbage collector's pauses inside the request (which overlap the
/// other parts). With the counts, the sums say what a slow request is made of. Also a histogram of each request's
/// time outside the store's wait, to tell the store's tail from the rest.
/// </summary>
public sealed class RequestParts
{
    public const double SlowSeconds = 0.002;
    private static readonly string[] Names = ["gate", "restore", "store_queue", "store_commit", "store_resume", "other", "gc_pause"];

    private readonly Lock _gate = new();
    private readonly double[] _all = new double[Names.Length], _slow = new double[Names.Length];
    private long _allCount, _slowCount, _allWithGc, _slowWithGc;

    public CommitWaitStats OutsideStore { get; } = new();

    public void Record(double total, RequestTiming t, double gcPause)
    {
        double store = t.StoreQueue + t.StoreCommit + t.StoreResume;
        double other = Math.Max(0, total - t.Gate - t.Restore - store);
        OutsideStore.Record(Math.Max(0, total - store));
        bool slow = total > SlowSeconds, gc = gcPause > 0;
        lock (_gate)
        {
            Add(_all, t, other, gcPause);
            _allCount++;
            if (gc) _allWithGc++;
            if (!slow) return;
            Add(_slow, t, other, gcPause);
            _slowCount++;
            if (gc) _slowWithGc++;
        }
    }

    private static void Add(double[] sums, RequestTiming t, double other, double gcPause)
    {
        sums[0] += t.Gate; sums[1] += t.Restore; sums[2] += t.StoreQueue; sums[3] += t.StoreCommit; sums[4] += t.StoreResume;
        sums[5] += other; sums[6] += gcPause;
    }

    public void Render(StringBuilder s)
    {
        lock (_gate)
        {
            s.Append("# HELP kairos_request_part_seconds_total Serving requests' handler time by part (gc_pause overlaps the others); requests=\"slow\": only those above 2 ms.\n# TYPE kairos_request_part_seconds_total counter\n");
            for (int i = 0; i < Names.Length; i++)
            {
                s.Append(CultureInfo.InvariantCulture, $"kairos_request_part_seconds_total{{requests=\"all\",part=\"{Names[i]}\"}} {_all[i]:R}\n");
                s.Append(CultureInfo.InvariantCulture, $"kairos_request_part_seconds_total{{requests=\"slow\",part=\"{Names[i]}\"}} {_slow[i]:R}\n");
            }
            s.Append("# HELP kairos_request_parts_requests_total Serving requests measured by part, and those a garbage collection paused.\n# TYPE kairos_request_parts_requests_total counter\n");
            s.Append(CultureInfo.InvariantCulture, $"kairos_request_parts_requests_total{{requests=\"all\",gc=\"any\"}} {_allCount}\n");
            s.Append(CultureInfo.InvariantCulture, $"kairos_request_parts_requests_total{{requests=\"all\",gc=\"paused\"}} {_allWithGc}\n");
            s.Append(CultureInfo.InvariantCulture, $"kairos_request_parts_requests_total{{requests=\"slow\",gc=\"any\"}} {_slowCount}\n");
            s.Append(CultureInfo.InvariantCulture, $"kairos_request_parts_requests_total{{requests=\"slow\",gc=\"paused\"}} {_slowWithGc}\n");
        }
    }
}
