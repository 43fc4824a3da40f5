using Kairos.Learning;
using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

/// <summary>Every process-level family rejects unordered, NaN, infinite, negative and late times and bad horizons
/// with an error naming the index and value; empty histories are valid data for the likelihood but not for fitting.</summary>
public class ProcessModelBadInputTests
{
    public static TheoryData<string> Models() => new()
    {
        "poisson:rate=1.5", "exp:c=0.2,omega=-0.1", "hawkes:mu=0.5,alpha=0.5,beta=2", "heavytail:scale=1,shape=1.5,tail=0.8",
    };

    [Theory, MemberData(nameof(Models))]
    public void LogLikelihoodAndCompensators_BadTimes_ThrowNamingTheIndex(string text)
    {
        var model = ProcessModelLikelihoodTests.Make(text);
        (double[] Times, double Horizon, string Fragment)[] cases =
        [
            ([1, 3, 2], 5, "times[2] = 2"),
            ([1, double.NaN], 5, "times[1] = NaN"),
            ([-1, 2], 5, "times[0] = -1"),
            ([1, double.PositiveInfinity], 5, "times[1] = ∞"),
            ([1, 6], 5, "times[1] = 6"),
            ([1], double.NaN, "horizon"),
            ([1], -2, "horizon"),
        ];
        foreach (var (times, horizon, fragment) in cases)
        {
            var e1 = Assert.ThrowsAny<ArgumentException>(() => model.LogLikelihood(times, horizon));
            var e2 = Assert.ThrowsAny<ArgumentException>(() => model.LogLikelihood(times, horizon, new double[model.ParameterValues.Count]));
            var e3 = Assert.ThrowsAny<ArgumentException>(() => model.Compensators(times, horizon));
            foreach (var e in new[] { e1, e2, e3 })
                Assert.True(e.Message.Contains(fragment.Replace("∞", "Infinity")) || e.Message.Contains(fragment), $"{text}: '{e.Message}' lacks '{fragment}'");
        }
        Assert.ThrowsAny<ArgumentException>(() => model.Simulate(double.NaN, new Random(1)));
        Assert.ThrowsAny<ArgumentException>(() => model.Simulate(-1, new Random(1)));
    }

    [Theory, MemberData(nameof(Models))]
    public void EmptyHistory_LikelihoodIsMinusCompensatorButFitRefuses(string text)
    {
        var model = ProcessModelLikelihoodTests.Make(text);
        // ℓ(∅; T) = log S(T) = −∫₀ᵀ λ: finite and negative
        double ll = model.LogLikelihood([], 5);
        Assert.True(double.IsFinite(ll) && ll < 0, $"{text}: {ll}");
        Assert.Empty(model.Compensators([], 5));
        var e = Assert.ThrowsAny<ArgumentException>(() => new PointProcessFitter().Fit(model.Family, [], 5));
        Assert.Contains("zero events", e.Message);
    }

    [Theory]
    [InlineData("poisson", new[] { 0.0 }, "rate")]
    [InlineData("poisson", new[] { double.NaN }, "rate")]
    [InlineData("exp", new[] { double.PositiveInfinity, 0.0, 0.0 }, "c")]
    [InlineData("exp", new[] { 0.0, double.NaN, 0.0 }, "omega")]
    [InlineData("hawkes", new[] { 0.0, 0.5, 1.0 }, "mu")]
    [InlineData("hawkes", new[] { 1.0, -0.1, 1.0 }, "alpha")]
    [InlineData("hawkes", new[] { 1.0, 0.5, double.PositiveInfinity }, "beta")]
    [InlineData("heavytail", new[] { 1.0, -1.0, 1.0 }, "shape")]
    [InlineData("heavytail", new[] { 1.0, 1.0, 0.0 }, "tail")]
    public void Create_InvalidParameter_ThrowsNamingIt(string family, double[] values, string name)
    {
        var e = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => PointProcessFamilies.Find(family).Create(values));
        Assert.Equal(name, e.ParamName);
    }
}
