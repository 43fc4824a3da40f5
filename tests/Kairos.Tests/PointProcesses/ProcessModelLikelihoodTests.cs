using Kairos.PointProcesses;
using MathNet.Numerics;

namespace Kairos.Tests.PointProcesses;

public class ProcessModelLikelihoodTests
{
    private static readonly double[] Fixture = [0.3, 0.9, 1.0, 2.2];
    private const double Horizon = 3.0;

    public static TheoryData<string> Models() => new()
    {
        "poisson:rate=1.7", "exp:c=0.4,omega=-0.8,t0=0.5", "exp:c=-0.2,omega=1.3", "exp:c=0.1,omega=1e-13",
        "hawkes:mu=0.6,alpha=0.7,beta=2.5", "heavytail:scale=0.8,shape=1.6,tail=0.9", "heavytail:scale=2,shape=0.7,tail=1.4",
    };

    internal static IPointProcessModel Make(string text)
    {
        var parts = text.Split(':');
        return PointProcessFamilies.Parse(parts[0], parts[1].Split(','));
    }

    /// <summary>Brute force: Σ log λ(t_i) − ∫₀ᵀ λ by adaptive Gauss–Kronrod between events (λ jumps at events).</summary>
    private static double Quadrature(IPointProcessModel m, double[] times, double a, double b)
    {
        double lo = a, sum = 0;
        foreach (var knot in times.Where(t => t > a && t < b).Append(b))
        {
            if (knot > lo) sum += Integrate.GaussKronrod(t => m.Intensity(t, times), lo, knot, out _, out _, 1e-13);
            lo = knot;
        }
        return sum;
    }

    [Theory, MemberData(nameof(Models))]
    public void LogLikelihood_Fixture_MatchesQuadratureOfIntensity(string text)
    {
        var m = Make(text);
        double expected = Fixture.Sum(t => Math.Log(m.Intensity(t, Fixture))) - Quadrature(m, Fixture, 0, Horizon);
        double actual = m.LogLikelihood(Fixture, Horizon);
        Assert.True(Math.Abs(actual - expected) < 1e-8 * Math.Max(1, Math.Abs(expected)), $"{m}: {actual} vs quadrature {expected}");
    }

    [Theory, MemberData(nameof(Models))]
    public void LogLikelihood_SurvivalTerm_DependsOnHorizonAsIntegralAfterLastEvent(string text)
    {
        var m = Make(text);
        double tail = Quadrature(m, Fixture, Fixture[^1], 5.0) - Quadrature(m, Fixture, Fixture[^1], Horizon);
        double diff = m.LogLikelihood(Fixture, Horizon) - m.LogLikelihood(Fixture, 5.0);
        Assert.Equal(tail, diff, 1e-8);
    }

    [Theory, MemberData(nameof(Models))]
    public void Compensators_Fixture_MatchQuadratureBetweenEvents(string text)
    {
        var m = Make(text);
        var z = m.Compensators(Fixture, Horizon);
        double previous = 0;
        for (int i = 0; i < Fixture.Length; i++)
        {
            Assert.Equal(Quadrature(m, Fixture, previous, Fixture[i]), z[i], 1e-9);
            previous = Fixture[i];
        }
    }

    [Theory, MemberData(nameof(Models))]
    public void LogLikelihoodGradient_Fixture_MatchesCentralDifferences(string text)
    {
        var m = Make(text);
        var spec = PointProcessFamilies.Get(m.Family);
        var p = m.ParameterValues.ToArray();
        var g = new double[p.Length];
        m.LogLikelihood(Fixture, Horizon, g);
        for (int j = 0; j < p.Length; j++)
            GradientCheck.AssertEntry(q => spec.Create(q).LogLikelihood(Fixture, Horizon), p, j, g[j], $"{m} ∂/∂{spec.Parameters[j].Name}");
    }

    [Fact]
    public void HawkesLogLikelihood_RandomHistory_EqualsNaiveQuadraticSum()
    {
        var m = new HawkesPointProcess(0.4, 0.6, 1.7);
        var times = m.Simulate(60, new Random(3));
        double naive = 0;
        for (int i = 0; i < times.Length; i++)
        {
            double excitation = 0;
            for (int j = 0; j < i; j++) excitation += Math.Exp(-1.7 * (times[i] - times[j]));
            naive += Math.Log(0.4 + 0.6 * 1.7 * excitation) - 0.6 * (1 - Math.Exp(-1.7 * (60 - times[i])));
        }
        naive -= 0.4 * 60;
        Assert.True(times.Length > 20);
        Assert.Equal(naive, m.LogLikelihood(times, 60), 1e-9 * Math.Abs(naive));
    }

    /// <summary>Models with horizons long enough (hundreds of events per run) that dropping the censored last gap
    /// of each run does not bias the KS test.</summary>
    public static TheoryData<string, double> SimulationModels() => new()
    {
        { "poisson:rate=1.7", 2500 }, { "exp:c=5,omega=-0.02", 1e6 }, { "exp:c=-0.2,omega=0.01", 300 },
        { "exp:c=0.1,omega=1e-13", 3000 }, { "hawkes:mu=0.6,alpha=0.7,beta=2.5", 2000 },
        { "heavytail:scale=0.8,shape=1.6,tail=0.9", 1000 }, { "heavytail:scale=2,shape=0.7,tail=2", 1000 },
    };

    [Theory, MemberData(nameof(SimulationModels))]
    public void Simulate_FixedSeed_TimeRescaledGapsAreExpOneAndAWrongModelIsRejected(string text, double horizon)
    {
        var m = Make(text);
        var spec = PointProcessFamilies.Get(m.Family);
        // A wrong law: the first parameter (rate, log-rate, baseline or scale) moved by 25 % (+0.2 on a log scale).
        var wrong = spec.Create(m.ParameterValues.Select((v, j) => j != 0 ? v : m.Family == PointProcessFamily.Exp ? v + 0.2 : v * 1.25).ToArray());
        var z = new List<double>();
        var wrongZ = new List<double>();
        var rng = new Random(11);
        while (z.Count < 4000)
        {
            var times = m.Simulate(horizon, rng);
            double end = times.Length == 0 ? 0 : times[^1];
            z.AddRange(m.Compensators(times, end));
            wrongZ.AddRange(wrong.Compensators(times, end));
        }
        double p = TimeRescaling.Test(z.ToArray()).PValue, pWrong = TimeRescaling.Test(wrongZ.ToArray()).PValue;
        Assert.True(p > 1e-3, $"{m}: KS p = {p}");
        Assert.True(pWrong < 1e-3, $"{wrong} was not rejected: p = {pWrong}");
    }

    [Fact]
    public void ExpSimulate_NegativeOmega_DiesOutWithProbabilityExpOfMinusTotalMass()
    {
        // λ = e^{c + ωt}, ω < 0: P(no event on [0, ∞)) = exp(−e^c/|ω|) (TPPRL eq. 14).
        var m = new ExponentialInTimeProcess(Math.Log(0.5), -1);
        var rng = new Random(5);
        int none = 0, runs = 20000;
        for (int i = 0; i < runs; i++) if (m.Simulate(1e9, rng).Length == 0) none++;
        double p = Math.Exp(-0.5), se = Math.Sqrt(p * (1 - p) / runs);
        Assert.True(Math.Abs(none / (double)runs - p) < 4 * se, $"{none}/{runs} vs {p}");
    }
}
