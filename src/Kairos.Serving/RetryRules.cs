using System.Globalization;
using Kairos.Data;

namespace Kairos.Serving;

/// <summary>
/// When a repeated id is a retry: the event must be the same as the one applied under that id (kind, time, mark,
/// value, feedback and context vectors, bit for bit); for a decided opportunity, the same kind, time and context (its
/// mark is the decision). Anything else reuses an id for a different event and is refused, never counted as a
/// duplicate.
/// </summary>
internal static class RetryRules
{
    public static bool Same(in StoredRecord applied, in StoredRecord retry) =>
        applied.Kind == retry.Kind && Bits(applied.Time) == Bits(retry.Time) && SameVector(applied.Context, retry.Context) &&
        (applied.IsDecision || applied.Mark == retry.Mark && Bits(applied.Value) == Bits(retry.Value) && SameVector(applied.Feedback, retry.Feedback));

    public static string Describe(in StoredRecord r) => string.Create(CultureInfo.InvariantCulture,
        $"{EventKindNames.Name(r.Kind)} at time {r.Time:R}{(r.IsDecision ? "" : $", mark {r.Mark}")}" +
        $"{(r.Value is { } v && !r.IsDecision ? $", value {v:R}" : "")}{(r.Feedback is null ? "" : ", a feedback vector")}" +
        $"{(r.Context is null ? "" : ", a context vector")}");

    private static long? Bits(double? x) => x is { } v ? BitConverter.DoubleToInt64Bits(v) : null;

    private static bool SameVector(double[]? a, double[]? b) =>
        a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);
}
