using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Kairos.Pomdp;
using Spectre.Console;

namespace Kairos.Cli.Commands;

/// <summary>`kairos pomdp solve|simulate`: the sequencing POMDP of Rusmevichientong &amp; Van Roy (UAI 2001) — which
/// product to offer next to a customer of unknown profile until the first purchase.</summary>
public static class PomdpCommand
{
    public static Command Create(CliIO io)
    {
        var cmd = new Command("pomdp", "Sequencing POMDP (Rusmevichientong & Van Roy 2001): which product to offer next until the first purchase.\n" +
            "Examples:\n  kairos pomdp solve --spec data/pomdp/example.json\n  kairos pomdp simulate --spec data/pomdp/noisy-or.json --customers 100000 --json");
        cmd.Subcommands.Add(Solve(io));
        cmd.Subcommands.Add(Simulate(io));
        return cmd;
    }

    private static Option<string> SpecOption() => new("--spec")
    {
        Description = "Problem spec (JSON): Assumption-1 form with \"profiles\" (prior, f) or noisy-OR form with \"noisyOr\"; see data/pomdp/.",
        Required = true,
    };

    private static Option<double> EpsilonOption() => new("--epsilon")
    {
        Description = "Tolerance ε in reward units: the horizon n(ε) makes β^n R_max ≤ ε, and the automatic grid refines until J̃ and the greedy value agree within ε (default 0.01; > 0).",
        DefaultValueFactory = _ => 0.01,
    };

    private static Option<double?> SpacingOption() => new("--grid-spacing")
    {
        Description = "Grid spacing h in ζ units, in (0, 1] (default: the largest h dividing every ζ, which makes the grid exact; otherwise refined from min(1, ζ*)/2 by halving).",
    };

    private static Command Solve(CliIO io)
    {
        var spec = SpecOption();
        var method = CliOptions.Choice("--method",
            "grid (reduced K-dimensional grid DP) or exact (DP over rejection counts; small problems only). Default grid.", PomdpMethod.Grid);
        var epsilon = EpsilonOption();
        var spacing = SpacingOption();
        var json = CliOptions.Json();
        var cmd = new Command("solve", "Solve for the optimal offer sequence and its value at the prior.\n" +
            "Examples:\n  kairos pomdp solve --spec data/pomdp/example.json\n" +
            "  kairos pomdp solve --spec data/pomdp/example.json --method exact --json\n" +
            "  kairos pomdp solve --spec data/pomdp/noisy-or-customers.json --grid-spacing 0.3 --json")
        { spec, method, epsilon, spacing, json };
        cmd.SetAction(pr => RunSolve(io, pr.GetValue(spec)!, pr.GetValue(method), pr.GetValue(epsilon), pr.GetValue(spacing), pr.GetValue(json)));
        return cmd;
    }

    private static Command Simulate(CliIO io)
    {
        var spec = SpecOption();
        var customers = new Option<int>("--customers")
        {
            Description = "Number of simulated customers per policy (default 100000; > 0).",
            DefaultValueFactory = _ => 100_000,
        };
        var seed = CliOptions.Seed();
        var epsilon = EpsilonOption();
        var spacing = SpacingOption();
        var json = CliOptions.Json();
        var cmd = new Command("simulate", "Monte-Carlo discounted reward per customer of the optimal (grid greedy), myopic, fixed-best and random policies, with 95% confidence intervals.\n" +
            "Examples:\n  kairos pomdp simulate --spec data/pomdp/noisy-or.json\n" +
            "  kairos pomdp simulate --spec data/pomdp/example.json --customers 200000 --seed 7 --json")
        { spec, customers, seed, epsilon, spacing, json };
        cmd.SetAction(pr => RunSimulate(io, pr.GetValue(spec)!, pr.GetValue(customers), pr.GetValue(seed), pr.GetValue(epsilon), pr.GetValue(spacing), pr.GetValue(json)));
        return cmd;
    }

    private static SequencingProblem Load(CliIO io, string spec, double epsilon, double? spacing)
    {
        var problems = new List<string>();
        if (!(epsilon > 0 && double.IsFinite(epsilon))) problems.Add($"--epsilon must be a finite number > 0, got {F(epsilon)}");
        if (spacing is { } h && !(h > 0 && h <= 1)) problems.Add($"--grid-spacing must lie in (0, 1], got {F(h)}");
        if (problems.Count > 0) throw new UserInputException(string.Join("; ", problems) + ".");
        var (problem, warnings) = PomdpSpec.Load(spec);
        foreach (var w in warnings) io.Warn(w);
        return problem;
    }

    private static int RunSolve(CliIO io, string spec, PomdpMethod method, double epsilon, double? spacing, bool json)
    {
        var problem = Load(io, spec, epsilon, spacing);
        var sw = Stopwatch.StartNew();
        var solution = io.WithProgress("pomdp solve", problem.Horizon(epsilon), json,
            progress => Limits(() => PomdpSolver.Solve(problem, method, epsilon, spacing, progress)));
        double seconds = sw.Elapsed.TotalSeconds;
        var offers = SequenceValue.Names(problem, solution.Sequence, 5);
        if (json)
        {
            io.WriteJson(new
            {
                format = "kairos.pomdp-solve", version = 1, command = "pomdp solve", spec, method,
                value = solution.Value, firstOffers = offers, gridPoints = solution.GridPoints, bound = solution.Bound,
                seconds = Math.Round(seconds, 4), approxValue = solution.ApproxValue, horizon = solution.Horizon, epsilon,
                gridSpacing = solution.Spacing, latticeExact = solution.LatticeExact, lipschitz = solution.Lipschitz,
                rigorousSpacing = Finite(solution.RigorousSpacing), refinements = solution.Refinements,
                aprioriBound = solution.AprioriBound, upperBound = solution.UpperBound,
                profiles = problem.Profiles.ProfileCount, basisFunctions = problem.K, products = problem.ProductCount,
            });
            return KairosCli.Ok;
        }
        var table = new Table().AddColumns("quantity", "value");
        table.AddRow("value at the prior (exact value of the policy, lower bound on J*)", F(solution.Value));
        if (method == PomdpMethod.Grid) table.AddRow("grid approximation J̃_n(0)", F(solution.ApproxValue));
        table.AddRow("certified bound on J* − value", F(solution.Bound));
        table.AddRow("a-priori bound (Corollary 2)", F(solution.AprioriBound));
        table.AddRow("first offers", Markup.Escape(string.Join(", ", offers)));
        table.AddRow("horizon n(ε)", solution.Horizon.ToString(CultureInfo.InvariantCulture));
        if (solution.Spacing is { } h) table.AddRow("grid spacing h", F(h) + (solution.LatticeExact ? " (lattice-exact)" : ""));
        table.AddRow(method == PomdpMethod.Grid ? "grid points" : "belief states", solution.GridPoints.ToString("N0", CultureInfo.InvariantCulture));
        table.AddRow("h for the 2ε guarantee (Corollary 2)", F(solution.RigorousSpacing));
        table.AddRow("seconds", seconds.ToString("0.000", CultureInfo.InvariantCulture));
        io.Table().Write(table);
        return KairosCli.Ok;
    }

    /// <summary>Simulated customers per second over all policies (timed on data/pomdp/example.json), on the fast side.</summary>
    private const double CustomersPerSecond = 1e6;

    private static int RunSimulate(CliIO io, string spec, int customers, int seed, double epsilon, double? spacing, bool json)
    {
        if (customers <= 0) throw new UserInputException($"--customers must be > 0, got {customers}.");
        if (WorkEstimate.Refusal($"--customers {customers}", customers, CustomersPerSecond, "simulated customers") is { } tooLong)
            throw new UserInputException(tooLong);
        WorkEstimate.Announce(io, $"--customers {customers}", customers, CustomersPerSecond);
        var problem = Load(io, spec, epsilon, spacing);
        var solution = Limits(() => PomdpSolver.Solve(problem, PomdpMethod.Grid, epsilon, spacing));
        int n = solution.Horizon;
        var policies = new (string Name, int[]? Sequence)[]
        {
            ("optimal", solution.Sequence.ToArray()), ("myopic", Baselines.Myopic(problem, n)),
            ("fixed-best", Baselines.FixedBest(problem, n)), ("random", null),
        };
        var results = io.WithProgress("pomdp simulate", policies.Length, json, progress => policies.Select((p, i) =>
        {
            progress.Report(i, p.Name);
            return (p, PolicySimulator.Simulate(problem, p.Name, p.Sequence, n, customers, seed),
                p.Sequence is null ? (double?)null : SequenceValue.Of(problem, p.Sequence));
        }).ToList());
        if (json)
        {
            io.WriteJson(new
            {
                format = "kairos.pomdp-simulate", version = 1, command = "pomdp simulate", spec, seed, customers, horizon = n,
                policies = results.Select(r => new
                {
                    name = r.p.Name, mean = r.Item2.Mean, ciLow = r.Item2.Low, ciHigh = r.Item2.High,
                    standardError = r.Item2.StandardError, purchaseRate = r.Item2.PurchaseRate, exactValue = r.Item3,
                    firstOffers = r.p.Sequence is null ? null : SequenceValue.Names(problem, r.p.Sequence, 5),
                }),
            });
            return KairosCli.Ok;
        }
        var table = new Table().AddColumns("policy", "mean reward", "95% CI", "exact value", "first offers");
        foreach (var (p, sim, exact) in results)
            table.AddRow(p.Name, F(sim.Mean), Markup.Escape($"[{F(sim.Low)}, {F(sim.High)}]"), exact is { } e ? F(e) : "-",
                p.Sequence is null ? "uniform at random" : Markup.Escape(string.Join(", ", SequenceValue.Names(problem, p.Sequence, 5))));
        io.Table().Write(table);
        io.Out.WriteLine($"{customers} customers per policy, seed {seed}, horizon {n}.");
        return KairosCli.Ok;
    }

    // A problem too large for the chosen method is the user's to resize: exit 2 with the solver's message (it names
    // the size and the limit), without .NET's "(Parameter 'x')" suffix.
    private static T Limits<T>(Func<T> solve)
    {
        try { return solve(); }
        catch (ArgumentOutOfRangeException e)
        {
            throw new UserInputException(KairosCli.ArgumentMessage(e) +
                " (or try --method exact for few products, or --method grid for few basis functions)", e);
        }
    }

    private static double? Finite(double v) => CliFormat.FiniteOrNull(v);

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
