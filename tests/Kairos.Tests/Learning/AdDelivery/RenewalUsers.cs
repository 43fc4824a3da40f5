using Kairos.Neural.AdDelivery;
using Kairos.PointProcesses;

namespace Kairos.Tests.Learning.AdDelivery;

/// <summary>Users drawn from a known Burr XII renewal process with fixed type probabilities (conversions valued
/// log-normally), each opportunity answered by a random decision: the truth a fit must approach.</summary>
internal static class RenewalUsers
{
    public static readonly double[] TypeProbabilities = [0.45, 0.25, 0.1, 0.2];
    public const double Scale = 1.0, Shape = 2.0, Tail = 1.5, LogValueMean = 2.5, LogValueSd = 0.5;

    public static List<AdUserSequence> Draw(AdModelLayout layout, int users, double horizon, int seed)
    {
        var rng = new Random(seed);
        var burr = new BurrXII(Scale, Shape, Tail);
        var result = new List<AdUserSequence>();
        for (int u = 0; u < users; u++)
        {
            var events = new List<Event>();
            double t = 0;
            while (true)
            {
                t += burr.InverseCumulativeHazard(-Math.Log(1 - rng.NextDouble()));
                if (t > horizon) break;
                int type = Kairos.Neural.TpprlCell.SampleFromProbabilities(TypeProbabilities, rng.NextDouble());
                if (type == 3)
                {
                    events.Add(new Event(t, EventKind.Opportunity));
                    events.Add(new Event(t, EventKind.Action, rng.Next(layout.Ads + 1)));
                }
                else
                {
                    double? value = type == 2 ? Math.Exp(LogValueMean + LogValueSd * Normal(rng)) : null;
                    events.Add(new Event(t, EventKind.Feedback, type, value));
                }
            }
            result.Add(new AdUserSequence($"u{u}", events, horizon, layout));
        }
        return result;
    }

    /// <summary>The true model as a network with every weight zero (constant heads at the true law).</summary>
    public static AdNetwork Truth(AdModelLayout layout)
    {
        var theta = new double[layout.Length];
        theta[layout.TimeB] = 0;
        theta[layout.TimeB + 1] = Math.Log(Shape);
        theta[layout.TimeB + 2] = Math.Log(Tail);
        for (int c = 0; c < 4; c++) theta[layout.TypeB + c] = Math.Log(TypeProbabilities[c]);
        theta[layout.ValueB + 2] = LogValueMean;
        theta[layout.ValueS + 2] = Math.Log(LogValueSd);
        return new AdNetwork(layout, Scale, theta);
    }

    private static double Normal(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
