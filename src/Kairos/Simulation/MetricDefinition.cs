namespace Kairos.Simulation;

/// <summary>Which way a metric is better.</summary>
public enum MetricDirection
{
    HigherIsBetter,
    LowerIsBetter,
    /// <summary>Descriptive (e.g. a count of actions): neither direction is better.</summary>
    Neutral,
}

/// <summary>A metric an environment reports for each episode: its key, unit, direction and meaning.</summary>
public sealed record MetricDefinition(string Name, string Unit, MetricDirection Direction, string Description)
{
    public override string ToString() => $"{Name} [{Unit}]";
}
