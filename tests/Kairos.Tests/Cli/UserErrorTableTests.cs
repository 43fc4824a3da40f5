namespace Kairos.Tests.Cli;

/// <summary>Bad input to every verb exits 2, before any long work, with `error:` lines that name the flag as typed
/// (never a C# member such as LearningRate or qIntensity) and no "internal error". "{dir}" in a case stands for a
/// temporary folder holding events.csv and a stray file, "{repo}" for the repository root.</summary>
public sealed class UserErrorTableTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kairos-cli-table-");

    public UserErrorTableTests()
    {
        File.WriteAllText(Path.Combine(_dir.FullName, "events.csv"), "user,time\nu1,0.5\nu1,1.5\n");
        File.WriteAllText(Path.Combine(_dir.FullName, "stray.txt"), "not a folder");
    }

    public void Dispose() => _dir.Delete(recursive: true);

    public static TheoryData<string, string> Cases => new()
    {
        // sample
        { "sample --family poisson --param rate=2 --horizon 1000,5 --out {dir}/x.jsonl", "--horizon" },
        { "sample --family poisson --param rate=2 --horizon -1 --out {dir}/x.jsonl", "--horizon" },
        { "sample --family poison --param rate=2 --horizon 5 --out {dir}/x.jsonl", "poisson" },
        { "sample --family poisson --param rate=2 --horizon 5 --users 0 --out {dir}/x.jsonl", "--users" },
        { "sample --family poisson --param rate=2 --horizon 5 --format xml --out {dir}/x.jsonl", "xml" },
        { "sample --family poisson --param rate=2 --horizon 5 --seed 1,5 --out {dir}/x.jsonl", "--seed" },
        // fit and loglik
        { "fit --family poisson --events {dir}/missing.csv", "--events" },
        { "fit --family poisson --events {dir}/events.csv --horizon 0", "--horizon" },
        { "fit --family poisson --events {dir}/events.csv --horizon 2,5", "--horizon" },
        { "fit --family hawkess --events {dir}/events.csv", "hawkes" },
        { "loglik --family poisson --param rate=1 --events {dir}/events.csv --horizon 0,5", "--horizon" },
        { "loglik --family poisson --param rate=1 --events {dir}/events.csv --horizon 1", "{dir}/events.csv:3" },
        // train
        { "train toy-counting --lr 0,05", "--lr" },
        { "train toy-counting --lr 1e6", "--lr" },
        { "train toy-counting --lr -1", "--lr" },
        { "train toy-counting --lr-decay -1", "--lr-decay" },
        { "train toy-counting --batch 1", "--batch" },
        { "train toy-counting --iterations 0", "--iterations" },
        { "train toy-counting --iterations 2.5", "--iterations" },
        { "train toy-counting --hidden 0", "--hidden" },
        { "train toy-counting --hidden 100000", "--hidden" },
        { "train toy-counting --initial-rate 1e9", "--initial-rate" },
        { "train toy-counting --initial-rate -1", "--initial-rate" },
        { "train toy-counting --q-intensity -1", "--q-intensity" },
        { "train toy-counting --q-mark Infinity", "--q-mark" },
        { "train toy-counting --q-entropy -0.5", "--q-entropy" },
        { "train toy-counting --reward-metric rewrd", "did you mean 'reward'?" },
        { "train toy-counting --reward-metric objective", "would charge the cost twice" },
        { "train toy-switching --reward-metric penalty", "would charge the cost twice" },
        { "train spaced-repetition --reward-metric recal --iterations 1", "did you mean 'recall'?" },
        { "train toy-counting --baseline batchmean", "did you mean 'batch-mean'?" },
        { "train toy-counting --policy tppr", "did you mean 'tpprl'?" },
        { "train toy-countin", "did you mean 'toy-counting'?" },
        { "train toy-counting --threads 0", "--threads" },
        { "train toy-counting --eval-every -1", "--eval-every" },
        { "train toy-counting --patience -1", "--patience" },
        { "train toy-counting --checkpoint-every -1", "--checkpoint-every" },
        { "train toy-counting --action-cost -1", "--action-cost" },
        { "train toy-counting --budget 0", "--budget" },
        { "train toy-counting --budget -3", "--budget" },
        { "train toy-counting --budget NaN", "--budget" },
        { "train toy-counting --budget 9,74", "--budget" },
        { "train toy-counting --budget 1e9", "--budget" },
        { "train toy-counting --budget 5 --budget-step 0", "--budget-step" },
        { "train toy-counting --budget 5 --budget-tolerance 1", "--budget-tolerance" },
        { "train toy-counting --out {dir}", "--out" },
        // evaluate
        { "evaluate toy-counting --policies poisson --episodes 0", "--episodes" },
        { "evaluate toy-counting --policies poisson --episodes 2000000000", "--episodes" },
        { "evaluate toy-counting --policies poisson --budget 0", "--budget" },
        { "evaluate toy-counting --policies poisson --budget 1e9", "--budget" },
        { "evaluate toy-counting --policies poisson --budget 9,74", "--budget" },
        { "evaluate toy-counting --policies poisson --threads -2", "--threads" },
        { "evaluate toy-counting --policies poison", "did you mean 'poisson'?" },
        { "evaluate toy-counting --policies poisson,poisson", "--policies" },
        { "evaluate toy-counting --policies poisson,,optimal", "--policies" },
        { "evaluate toy-counting --policies tpprl:{dir}/missing.json", "kairos train toy-counting --out {dir}/missing.json" },
        { "evaluate toy-counting --policies tpprl --models {dir}/empty", "kairos train toy-counting --out {dir}/empty/toy-counting.tpprl.json" },
        { "evaluate toy-counting --policies tpprl-wt0 --models {dir}/empty", "--wt-zero" },
        { "evaluate toy-counting --policies tpprl:{dir}", "is a folder" },
        { "evaluate toy-counting --policies tpprl --models {dir}/stray.txt", "--models" },
        { "evaluate toy-counting --policies tpprl:{dir}/events.csv", "{dir}/events.csv" },
        { "evaluate toy-counting --policies poisson --budget 5 --match-budget", "--match-budget" },
        { "evaluate toy-counting --policies poisson --match-budget", "--match-budget" },
        { "evaluate toy-counting --policies poisson --report ''", "--report" },
        { "evaluate toy-switching", "--policies" },
        { "evaluate toy-countin --policies poisson", "did you mean 'toy-counting'?" },
        // fit-student
        { "fit-student --data {dir}/missing.csv", "--data" },
        { "fit-student --data {dir}", "--data" },
        { "fit-student --data {dir}/events.csv --holdout 1", "--holdout" },
        { "fit-student --data {dir}/events.csv --holdout 0,2", "--holdout" },
        { "fit-student --data {dir}/events.csv --hlr-epochs 0", "--hlr-epochs" },
        { "fit-student --data {dir}/events.csv --ridge -1", "--ridge" },
        // pomdp
        { "pomdp solve --spec {repo}/data/pomdp/example.json --epsilon 0,5", "--epsilon" },
        { "pomdp solve --spec {repo}/data/pomdp/example.json --epsilon 0", "--epsilon" },
        { "pomdp solve --spec {repo}/data/pomdp/example.json --grid-spacing 2", "--grid-spacing" },
        { "pomdp solve --spec {repo}/data/pomdp/example.json --method grd", "did you mean 'grid'?" },
        { "pomdp solve --spec {dir}/missing.json", "{dir}/missing.json" },
        { "pomdp simulate --spec {repo}/data/pomdp/example.json --customers 0", "--customers" },
        { "pomdp simulate --spec {repo}/data/pomdp/example.json --customers 1e3,5", "--customers" },
        // bench and demo
        { "bench --quick --filter no-such-figure", "--filter" },
        { "demo --out-dir {dir}/stray.txt", "--out-dir" },
        { "demo --seed 4,2", "--seed" },
        // verbs
        { "evalute toy-counting", "did you mean 'evaluate'?" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadInput_ExitsTwoNamingTheFlag(string commandLine, string fragment)
    {
        string repo = RepositoryRoot();
        var args = commandLine.Split(' ').Select(a => a == "''" ? "" : a.Replace("{dir}", _dir.FullName).Replace("{repo}", repo)).ToArray();
        var r = CliRunner.Run(args);
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}: {r.Stderr}");
        Assert.StartsWith("error:", r.Stderr);
        Assert.Contains(fragment.Replace("{dir}", _dir.FullName), r.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("internal error", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.Equal("", r.Stdout);
        foreach (var member in new[] { "LearningRate", "BatchSize", "MaxDegreeOfParallelism", "qIntensity", "QIntensity", "Parameter '", "System." })
            Assert.DoesNotContain(member, r.Stderr);
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "data", "pomdp")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
