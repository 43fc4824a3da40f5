using Kairos.Decisions;
using Kairos.Policies;
using Kairos.PointProcesses;
using Kairos.Serving;

namespace Kairos.Tests.Serving;

/// <summary>Policies, streams and temp stores shared by the serving tests.</summary>
public static class ServingFixtures
{
    public const ulong Seed = 42;

    public static ServedPolicy Uniform(string name = PolicyCatalog.DefaultName, double rate = 0.7) =>
        new(name, new UniformPolicy(rate), new PolicyContext(3, 0), Seed);

    public static ServedPolicy Choice(string name = "choice", double rho = 0.6) =>
        new(name, new RandomChoicePolicy(rho), new PolicyContext(3, 0), Seed);

    public static PolicyCatalog Catalog() => new([Uniform(), Choice()]);

    public static string TempDb() => Path.Combine(Directory.CreateTempSubdirectory("kairos-serving-").FullName, "kairos.db");

    /// <summary>A user's step: a batch of feedback events (with ids), or an opportunity.</summary>
    public abstract record Step(string User, double Time);
    public sealed record Batch(string User, double Time, IncomingEvent[] Events) : Step(User, Time);
    public sealed record Opportunity(string User, double Time, string Id) : Step(User, Time);

    /// <summary>A random interleaving of batches and opportunities for <paramref name="users"/> users, each user's
    /// steps in increasing time.</summary>
    public static List<Step> Stream(int seed, int users, int steps)
    {
        var rng = new Random(seed);
        var clock = new double[users];
        var list = new List<Step>();
        for (int i = 0; i < steps; i++)
        {
            int u = rng.Next(users);
            string user = $"user-{u}";
            clock[u] += rng.NextDouble() * 2;
            if (rng.NextDouble() < 0.5)
            {
                int n = 1 + rng.Next(4);
                var events = Enumerable.Range(0, n).Select(j => new IncomingEvent($"e{i}-{j}", clock[u] + j * 0.01,
                    EventKind.Feedback, rng.Next(2), rng.NextDouble())).ToArray();
                clock[u] += n * 0.01;
                list.Add(new Batch(user, clock[u], events));
            }
            else list.Add(new Opportunity(user, clock[u], $"o{i}"));
        }
        return list;
    }

    /// <summary>Runs steps against both named policies and returns every answer as text (decisions, next actions).</summary>
    public static async Task<List<string>> Run(DecisionEngine engine, IEnumerable<Step> steps)
    {
        var answers = new List<string>();
        foreach (var step in steps)
            foreach (var policy in new[] { PolicyCatalog.DefaultName, "choice" })
            {
                if (step is Batch b) answers.Add((await engine.IngestAsync(policy, b.User, b.Events)).ToString());
                else if (step is Opportunity o)
                {
                    var d = await engine.DecideAsync(policy, o.User, o.Id, o.Time);
                    answers.Add($"{d.Action} {BitConverter.DoubleToInt64Bits(d.Propensity)} {d.PolicyVersion}");
                }
                var next = await engine.NextActionAsync(policy, step.User);
                answers.Add($"{next.Time:R} {next.Mark}");
            }
        return answers;
    }
}
