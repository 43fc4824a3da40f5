using Kairos.Neural;
using MathNet.Numerics;

namespace Kairos.Tests.Neural;

public class TpprlObjectiveTermsTests
{
    [Fact]
    public void Evaluate_SmallEpisode_MatchesQuadratureOfTheIntensity()
    {
        // Given a 5-event episode with marks, recompute the states with the cell and integrate λ(t) numerically.
        var layout = new TpprlLayout(3, 4, 1, 1);
        var rng = new Random(11);
        var theta = TapeFixtures.RandomTheta(layout, rng, 0.8);
        theta[layout.W] = -0.6;
        var tape = new TpprlTape(layout, 6.0);
        (double t, bool own, int mark)[] events = [(0.5, true, 1), (1.2, false, 0), (2.0, true, 3), (2.0, true, 0), (4.1, false, 0)];
        foreach (var (t, own, mark) in events)
            tape.Append(t, own ? layout.ActionInput(mark) : layout.FeedbackInput(0), own ? mark : -1, [t / 6]);
        tape.Recompute(theta);

        // When
        var terms = TpprlObjective.Evaluate(theta, tape);

        // Then: an independent evaluation of each interval, the survival interval running from the LAST event to T.
        double w = theta[layout.W], integral = 0, square = 0, markSq = 0, logLik = 0, entropy = 0;
        double prev = 0;
        var logp = new double[layout.ActionMarks];
        for (int k = 0; k <= tape.Count; k++)
        {
            double c = TpprlCell.LogIntensity(theta, layout, tape.State(k));
            double end = k < tape.Count ? tape.Time(k + 1) : 6.0, start = k == 0 ? 0 : tape.Time(k);
            double s = start;
            if (end > s)
            {
                integral += Integrate.OnClosedInterval(t => Math.Exp(c + w * (t - s)), s, end, 1e-12);
                square += Integrate.OnClosedInterval(t => Math.Exp(2 * (c + w * (t - s))), s, end, 1e-12);
            }
            NaiveMarkLaw.LogProbabilities(theta, layout, tape.State(k), logp);
            markSq += (end - start) * logp.Sum(l => Math.Exp(2 * l)) / 2;
            if (k < tape.Count && tape.Mark(k + 1) >= 0)
            {
                logLik += c + w * (end - s) + logp[tape.Mark(k + 1)];
                entropy -= logp.Sum(l => Math.Exp(l) * l);
            }
            prev = end;
        }
        logLik -= integral;
        Assert.Equal(integral, terms.IntensityIntegral, 1e-6 * integral);
        Assert.Equal(square, terms.SquaredIntensityIntegral, 1e-6 * square);
        Assert.Equal(logLik, terms.LogLikelihood, 1e-6 * Math.Abs(logLik));
        Assert.Equal(markSq, terms.MarkSquareIntegral, 1e-12);
        Assert.Equal(entropy / 3, terms.MeanMarkEntropy, 1e-12);
        Assert.Equal(3, terms.Actions);
        _ = prev;
    }

    [Fact]
    public void Evaluate_EmptyEpisode_IsTheSurvivalOfTheInitialIntensity()
    {
        var layout = new TpprlLayout(2, 1, 1, 0);
        var theta = new double[layout.Length];
        theta[layout.B] = Math.Log(2);   // λ ≡ 2 with w = 0
        var tape = new TpprlTape(layout, 5);
        tape.Recompute(theta);
        var terms = TpprlObjective.Evaluate(theta, tape);
        Assert.Equal(10, terms.IntensityIntegral, 1e-12);
        Assert.Equal(20, terms.SquaredIntensityIntegral, 1e-12);
        Assert.Equal(-10, terms.LogLikelihood, 1e-12);
    }
}
