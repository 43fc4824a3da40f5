using Kairos.PointProcesses;

namespace Kairos.Tests.PointProcesses;

/// <summary>Bad parameters: NaN, ±∞, negative (and 0 where not allowed) → ArgumentOutOfRangeException naming the
/// parameter, with its value in the message.</summary>
public sealed class ConstructorValidationTests
{
    public static TheoryData<double> NonFinite() => new() { double.NaN, double.PositiveInfinity, double.NegativeInfinity };

    [Theory, MemberData(nameof(NonFinite))]
    [InlineData(-1.0)]
    public void PoissonTime_BadRate_Throws(double rate) =>
        Assert.Throws<ArgumentOutOfRangeException>("rate", () => new PoissonTime(rate));

    [Theory, MemberData(nameof(NonFinite))]
    public void ExponentialInTime_NonFinite_ThrowsNamingParameter(double bad)
    {
        Assert.Throws<ArgumentOutOfRangeException>("c", () => new ExponentialInTime(bad, 0));
        Assert.Throws<ArgumentOutOfRangeException>("omega", () => new ExponentialInTime(0, bad));
    }

    [Theory, MemberData(nameof(NonFinite))]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    public void BurrXII_BadParameter_ThrowsNamingParameter(double bad)
    {
        Assert.Throws<ArgumentOutOfRangeException>("scale", () => new BurrXII(bad, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>("shape", () => new BurrXII(1, bad, 1));
        var ex = Assert.Throws<ArgumentOutOfRangeException>("tail", () => new BurrXII(1, 1, bad));
        Assert.Contains("> 0", ex.Message);
    }

    [Fact]
    public void PiecewiseConstantTime_BadInputs_ThrowNamingTheEntry()
    {
        Assert.Throws<ArgumentOutOfRangeException>("breakpoints", () => new PiecewiseConstantTime([1, 2], [1, 1]));
        Assert.Throws<ArgumentOutOfRangeException>("breakpoints", () => new PiecewiseConstantTime([0, 2, 2], [1, 1, 1]));
        Assert.Throws<ArgumentOutOfRangeException>("breakpoints", () => new PiecewiseConstantTime([], []));
        Assert.Throws<ArgumentOutOfRangeException>("rates", () => new PiecewiseConstantTime([0, 1], [1]));
        Assert.Throws<ArgumentOutOfRangeException>("rates[1]", () => new PiecewiseConstantTime([0, 1], [1, -1]));
        Assert.Throws<ArgumentOutOfRangeException>("rates[0]", () => new PiecewiseConstantTime([0, 1], [double.NaN, 1]));
        Assert.Throws<ArgumentOutOfRangeException>("breakpoints[1]", () => new PiecewiseConstantTime([0, double.PositiveInfinity], [1, 1]));
    }

    [Fact]
    public void PiecewiseConstantTime_CopiesInputs()
    {
        double[] b = [0, 1], r = [2, 3];
        var d = new PiecewiseConstantTime(b, r);
        r[0] = 100; b[1] = 5;
        Assert.Equal(2, d.Rates[0]);
        Assert.Equal(1, d.Breakpoints[1]);
        Assert.Equal("PiecewiseConstantTime(b=[0, 1], r=[2, 3])", d.ToString());
    }

    [Fact]
    public void PiecewiseConstantTime_ZeroRatePieces_InvertToTheirStart()
    {
        var d = new PiecewiseConstantTime([0, 1, 2, 3], [1, 0, 2, 0]);   // Λ: 0 →1 (flat to 2) → 3 at τ = 2.5, flat after 3
        Assert.Equal(1, d.InverseCumulativeHazard(1));        // the smallest τ with Λ = 1
        Assert.Equal(2.25, d.InverseCumulativeHazard(1.5));
        Assert.Equal(3, d.TotalCumulativeHazard);
        Assert.Equal(double.PositiveInfinity, d.InverseCumulativeHazard(3.0000001));
        Assert.Equal(Math.Exp(-3), d.ExtinctionProbability, 15);
    }

    [Fact]
    public void PoissonTime_ZeroRate_NeverFires()
    {
        var d = new PoissonTime(0);
        Assert.Equal(double.PositiveInfinity, d.Sample(new Random(1)));
        Assert.Equal(0, d.CumulativeHazard(double.PositiveInfinity));
        Assert.Equal("PoissonTime(r=0)", d.ToString());
    }
}
