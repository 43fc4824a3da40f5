using Kairos.Neural;

namespace Kairos.Tests.Neural;

/// <summary>Random θ and recorded episodes for gradient checks.</summary>
internal static class TapeFixtures
{
    public static double[] RandomTheta(TpprlLayout layout, Random rng, double scale = 0.5)
    {
        var theta = new double[layout.Length];
        for (int i = 0; i < theta.Length; i++) theta[i] = scale * (2 * rng.NextDouble() - 1);
        return theta;
    }

    /// <summary>n events at sorted uniform times on [0, T·0.9]; own with probability pOwn (with per-mark features
    /// uniform on [−1, 1] when the layout has them).</summary>
    public static TpprlTape RandomTape(TpprlLayout layout, Random rng, int n, double horizon, double pOwn)
    {
        var tape = new TpprlTape(layout, horizon);
        var times = Enumerable.Range(0, n).Select(_ => 0.9 * horizon * rng.NextDouble()).OrderBy(t => t).ToArray();
        var z = new double[layout.FeatureSize];
        foreach (var t in times)
        {
            for (int j = 0; j < z.Length; j++) z[j] = rng.NextDouble() < 0.5 ? 1 : rng.NextDouble();
            if (rng.NextDouble() < pOwn)
            {
                int mark = rng.Next(layout.ActionMarks);
                var phi = new double[layout.ItemFeatureSize * layout.ActionMarks];
                for (int j = 0; j < phi.Length; j++) phi[j] = 2 * rng.NextDouble() - 1;
                tape.Append(t, layout.ActionInput(mark), mark, z, phi);
            }
            else tape.Append(t, layout.FeedbackInput(rng.Next(layout.FeedbackSources)), -1, z);
        }
        return tape;
    }
}
