namespace Kairos.PointProcesses;

/// <summary>A model family as the CLI names it: its name, intensity formula, parameters in order, and a factory
/// from parameter values (in that order) to a model. Invalid values make the factory throw
/// <see cref="ArgumentOutOfRangeException"/> naming the parameter.</summary>
public sealed record PointProcessFamilySpec(
    PointProcessFamily Family,
    string Name,
    string Formula,
    IReadOnlyList<PointProcessParameter> Parameters,
    Func<double[], IPointProcessModel> Factory)
{
    public IEnumerable<string> ParameterNames => Parameters.Select(p => p.Name);

    public IPointProcessModel Create(params double[] values)
    {
        if (values.Length != Parameters.Count)
            throw new ArgumentException($"{Name} takes {CountText.Of(Parameters.Count, "parameter")} ({string.Join(", ", ParameterNames)}), got {values.Length}.", nameof(values));
        return Factory(values);
    }
}
