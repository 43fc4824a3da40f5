namespace Kairos.PointProcesses;

/// <summary>One event of a marked temporal point process.</summary>
/// <param name="Time">Event time in the log's unit (days, hours or seconds; documented per environment).</param>
/// <param name="Kind">Action, feedback or opportunity.</param>
/// <param name="Mark">Mark index (item, product, source), 0 when unmarked.</param>
/// <param name="Value">Optional value (recall outcome, conversion value, rank), null when absent.</param>
/// <param name="Id">Optional caller-assigned id (makes ingestion idempotent in the decision service), null when absent.</param>
/// <param name="Context">Optional context vector: features of the opportunity or observation. Treated as immutable.</param>
public readonly record struct Event(double Time, EventKind Kind = EventKind.Action, int Mark = 0, double? Value = null,
    string? Id = null, double[]? Context = null)
{
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Kind}(t={Time:R}, mark={Mark}{(Value is { } v ? $", value={v:R}" : "")}{(Id is null ? "" : $", id={Id}")}{(Context is null ? "" : $", context[{Context.Length}]")})");
}
