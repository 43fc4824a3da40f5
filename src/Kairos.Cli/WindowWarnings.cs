using System.Globalization;
using Kairos.Data;
using Kairos.PointProcesses;

namespace Kairos.Cli;

/// <summary>Warnings about how a data set's windows and kinds were chosen, for <c>fit</c> and <c>loglik</c>: the
/// cases where the numbers are computed as asked but are likely not what the user meant.</summary>
internal static class WindowWarnings
{
    public static void Warn(CliIO io, EventDataSet data, IReadOnlyList<double[]> times, IReadOnlyCollection<EventKind>? kinds)
    {
        if (data.WindowSource == WindowSource.LastEvent && data.Count > 0)
            io.Warn($"the file has no window rows and no --horizon was given, so every user's window is taken as [0, " +
                    $"{G(data[0].Window.End)}], ending at the last event in the file; quiet time after it is ignored. Pass " +
                    "--horizon or add window rows ({\"user\":…,\"kind\":\"window\",\"start\":…,\"end\":…}).");
        if (data.WindowSource != WindowSource.PerUser)
        {
            // Absolute timestamps (e.g. Unix seconds) in a file without windows: every history starts long after 0.
            var firsts = times.Where(t => t.Length > 0).Select(t => t[0]).ToList();
            double duration = data.Count > 0 ? data[0].Window.Duration : 0;
            if (firsts.Count > 0 && firsts.Min() > 0.5 * duration)
                io.Warn($"every user's first event comes after {G(firsts.Min())}, more than half-way into the window [0, {G(duration)}]: " +
                        "if the times are absolute timestamps (e.g. Unix seconds), give each user's window as a window row so " +
                        "that its start is the time origin.");
        }
        if (kinds is null)
        {
            var counts = data.SelectMany(u => u.Events).GroupBy(e => e.Kind).OrderBy(g => g.Key)
                .Select(g => $"{EventKindNames.Name(g.Key)} {g.Count()}").ToList();
            if (counts.Count > 1)
                io.Warn($"the file mixes event kinds ({string.Join(", ", counts)}) and all of them count as one process; " +
                        "pass --kinds (e.g. --kinds action) to choose.");
        }
    }

    private static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
