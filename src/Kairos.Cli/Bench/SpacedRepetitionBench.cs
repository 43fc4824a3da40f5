using System.Diagnostics;
using Kairos.Data.Duolingo;
using Kairos.Environments.SpacedRepetition;
using Kairos.Learning.StudentModels;
using Kairos.Models.SpacedRepetition;
using Kairos.Policies;
using Kairos.Simulation;

namespace Kairos.Cli.Bench;

/// <summary>
/// Issue 5 throughput: reading the Duolingo HLR CSV (the public file has ~13 million rows) against splitting the
/// same lines without parsing; fitting the student model by Newton against one HLR SGD pass on the same sessions;
/// simulating MEMORIZE students (exact sampler, ~1,000 reviews each) against uniform students. One thread each.
/// </summary>
public sealed class SpacedRepetitionBench : IBenchSource
{

    public IReadOnlyList<string> FigureNames => ["duolingo_read_rows_per_s", "student_fit_sessions_per_s", "memorize_students_per_s"];

    public IEnumerable<BenchFigure> Measure(bool quick)
    {
        int users = quick ? 150 : 1000;   // × 10 items × 8 sessions
        var truth = StudentModel.Tpprl();
        string path = Path.Combine(Path.GetTempPath(), $"kairos-bench-hlr-{Environment.ProcessId}.csv");
        try
        {
            DuolingoHlrWriter.WriteFile(path, DuolingoSyntheticLog.Generate(truth, users, 10, 8, new Random(1)));
            var set = new StudentObservationSet();
            double read = Time(() => { foreach (var r in DuolingoHlrReader.ReadFile(path)) set.Add(r); });
            long splitFields = 0;
            double split = Time(() => { foreach (var line in File.ReadLines(path)) splitFields += line.Split(',').Length; });
            int rows = set.Count;
            yield return new BenchFigure("duolingo_read_rows_per_s", rows / read, "rows/s", null,
                "File.ReadLines + string.Split, same file", rows / split,
                $"{rows} rows; 13M rows would take ~{13e6 * read / rows:F0} s to read");
            double newton = Time(() => new StudentModelLearner().Fit(set));
            double hlr = Time(() => new HalfLifeRegressionLearner().Fit(set, new Random(1)));
            yield return new BenchFigure("student_fit_sessions_per_s", rows / newton, "sessions/s", null,
                "one HLR SGD pass, same sessions", rows / hlr, "full Newton fit (all iterations) of α, β and 50 n_i(0)");
        }
        finally { File.Delete(path); }

        var env = new SpacedRepetitionEnvironment(SpacedRepetitionOptions.Tpprl());
        int students = quick ? 20 : 200;
        var memorize = new MemorizePolicy(truth, 5.4);
        var uniform = new UniformPolicy(1000 / 14.0);
        double tm = Time(() => { for (int i = 0; i < students; i++) EpisodeRunner.Run(env, memorize, 1, i); });
        double tu = Time(() => { for (int i = 0; i < students; i++) EpisodeRunner.Run(env, uniform, 1, i); });
        yield return new BenchFigure("memorize_students_per_s", students / tm, "students/s", null,
            "uniform policy, same budget", students / tu, "~1,000 reviews per student, 50 items, exact MEMORIZE sampler");
    }

    private static double Time(Action body)
    {
        var sw = Stopwatch.StartNew();
        body();
        return Math.Max(sw.Elapsed.TotalSeconds, 1e-9);
    }
}
