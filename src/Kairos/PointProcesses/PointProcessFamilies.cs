using System.Globalization;

namespace Kairos.PointProcesses;

/// <summary>
/// The registry of process-level families and the parser of <c>--family NAME --param name=value</c>:
/// poisson (rate); exp (c, omega, t0 = 0); hawkes (mu, alpha, beta); heavytail (scale, shape, tail).
/// Errors are <see cref="UserInputException"/>s that list every problem at once, with did-you-mean suggestions and
/// the valid names.
/// </summary>
public static class PointProcessFamilies
{
    public static IReadOnlyList<PointProcessFamilySpec> All { get; } =
    [
        new(PointProcessFamily.Poisson, "poisson", "λ(t) = rate",
            [new("rate", "r", null, "events per time unit, > 0")],
            v => new PoissonProcess(v[0])),
        new(PointProcessFamily.Exp, "exp", "λ(t) = exp(c + omega (t − t0))",
            [new("c", "c", null, "log intensity at t0, finite"),
             new("omega", "ω", null, "growth (> 0) or decay (< 0) rate per time unit, finite"),
             new("t0", "t0", 0, "reference time, finite (default 0; held fixed by fit)")],
            v => new ExponentialInTimeProcess(v[0], v[1], v[2])),
        new(PointProcessFamily.Hawkes, "hawkes", "λ(t) = mu + Σ alpha·beta·exp(−beta (t − t_i))",
            [new("mu", "μ", null, "baseline events per time unit, > 0"),
             new("alpha", "α", null, "branching ratio, >= 0 (< 1 for a stationary process)"),
             new("beta", "β", null, "kernel decay rate per time unit, > 0")],
            v => new HawkesPointProcess(v[0], v[1], v[2])),
        new(PointProcessFamily.HeavyTail, "heavytail", "renewal with Burr XII gaps: S(τ) = (1 + (τ/scale)^shape)^(−tail)",
            [new("scale", "λ", null, "time units, > 0"),
             new("shape", "c", null, "> 0"),
             new("tail", "k", null, "> 0 (mean gap finite iff shape·tail > 1)")],
            v => new HeavyTailRenewalProcess(v[0], v[1], v[2])),
    ];

    public static IEnumerable<string> Names => All.Select(f => f.Name);

    public static PointProcessFamilySpec Get(PointProcessFamily family) => All.First(f => f.Family == family);

    /// <summary>The family named <paramref name="name"/> (case-insensitive), or an error with a suggestion.</summary>
    public static PointProcessFamilySpec Find(string name)
    {
        var spec = All.FirstOrDefault(f => string.Equals(f.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
        return spec ?? throw new UserInputException(UnknownFamily(name ?? ""));
    }

    /// <summary>Parses <c>name=value</c> assignments for <paramref name="family"/> and builds the model. Reports
    /// unknown, repeated, missing and invalid parameters together.</summary>
    public static IPointProcessModel Parse(string family, IEnumerable<string> assignments)
    {
        var spec = Find(family);
        var values = ParseValues(spec, assignments, requireAll: true, out var errors);
        if (errors.Count == 0)
        {
            try { return spec.Create(values); }
            catch (ArgumentException e) { errors.Add($"{spec.Name}: {e.Message.Split('\n')[0].Split(" (Parameter")[0]}"); }
        }
        throw new UserInputException(string.Join("; ", errors));
    }

    /// <summary>Parses assignments into values in the family's order; missing optional ones get their default,
    /// missing required ones are NaN (and an error when <paramref name="requireAll"/>).</summary>
    public static double[] ParseValues(PointProcessFamilySpec spec, IEnumerable<string> assignments, bool requireAll,
        out List<string> errors)
    {
        errors = new List<string>();
        var values = spec.Parameters.Select(p => p.Default ?? double.NaN).ToArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string valid = string.Join(", ", spec.ParameterNames);
        foreach (var raw in assignments)
        {
            int eq = raw.IndexOf('=');
            if (eq <= 0)
            {
                errors.Add($"--param '{raw}' is not of the form name=value (e.g. {spec.Parameters[0].Name}=1.5)");
                continue;
            }
            string name = raw[..eq].Trim(), text = raw[(eq + 1)..].Trim();
            int index = spec.Parameters.ToList().FindIndex(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                errors.Add($"unknown parameter '{name}' for family {spec.Name}.{DidYouMean.Hint(name, spec.ParameterNames)} Valid parameters: {valid}");
                continue;
            }
            if (!seen.Add(spec.Parameters[index].Name))
                errors.Add($"parameter '{spec.Parameters[index].Name}' is given more than once");
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                errors.Add($"parameter '{spec.Parameters[index].Name}' must be a finite number, got '{text}'");
            else values[index] = v;
        }
        if (requireAll)
            foreach (var p in spec.Parameters.Where(p => p.Default is null && !seen.Contains(p.Name)))
                errors.Add($"missing parameter '{p.Name}' for family {spec.Name} ({p.Description}); pass --param {p.Name}=VALUE");
        return values;
    }

    public static string UnknownFamily(string name) =>
        $"unknown family '{name}'.{DidYouMean.Hint(name, Names)} Valid families: {string.Join(", ", Names)}";
}
