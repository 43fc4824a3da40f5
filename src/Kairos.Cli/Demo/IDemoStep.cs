using Kairos.Reports;

namespace Kairos.Cli.Demo;

/// <summary>One capability's part of `kairos demo`: runs on embedded defaults, adds a report section and
/// returns rows for the summary table.</summary>
public interface IDemoStep
{
    string Name { get; }
    IReadOnlyList<DemoSummaryRow> Run(DemoContext context);
}

/// <summary>One line of the demo's summary table: which capability, what was measured, the value, and a
/// reference to judge it by (a target, a true parameter, a baseline).</summary>
public sealed record DemoSummaryRow(string Capability, string Metric, string Value, string Reference);

/// <summary>What a demo step gets: the report to add to, the seed, the output folder and a progress sink.</summary>
public sealed record DemoContext(HtmlReport Report, int Seed, string OutputDirectory, IProgressSink Progress, bool Quick);
