using System.Numerics.Tensors;
using Kairos.Neural;
using Kairos.Numerics;

namespace Kairos.Tests.Neural;

/// <summary>Test oracle for the mark head: log softmax(V_y h) straight from θ, without the SIMD kernels or the
/// tape's cached summaries.</summary>
internal static class NaiveMarkLaw
{
    public static void LogProbabilities(ReadOnlySpan<double> theta, TpprlLayout layout, ReadOnlySpan<double> state,
        Span<double> logProbabilities)
    {
        TpprlCell.MarkLogits(theta, layout, state, logProbabilities);
        double lse = Fn.LogSumExp(logProbabilities);
        TensorPrimitives.Subtract(logProbabilities, lse, logProbabilities);
    }
}
