using Kairos.Numerics;

namespace Kairos.Tests.Numerics;

/// <summary>Known values computed with mpmath 1.3.0 at 50 significant digits (series-based expm1/log1p/exp/log),
/// rounded to 25 digits; checked to relative 1e-14.</summary>
public sealed class FnTests
{
    private const double Rel = 1e-14;

    private static void Close(double expected, double actual) =>
        Assert.True(expected == actual || Math.Abs(actual - expected) <= Rel * Math.Abs(expected),
            $"expected {expected:R}, got {actual:R}");

    [Theory]
    [InlineData(1e-300, 1.0e-300)]
    [InlineData(1e-20, 1.000000000000000000005e-20)]
    [InlineData(1e-12, 1.0000000000005e-12)]
    [InlineData(0.5, 0.6487212707001281468486508)]
    [InlineData(700, 1.01423205473500450945533e+304)]
    [InlineData(-700, -1.0)]   // −1 + 9.86e-305 rounds to −1
    [InlineData(-1e-12, -9.999999999995000000000002e-13)]
    public void Expm1_KnownValues_MatchToRelative1e14(double x, double expected) => Close(expected, Fn.Expm1(x));

    [Theory]
    [InlineData(1e-300, 1.0e-300)]
    [InlineData(1e-20, 9.99999999999999999995e-21)]
    [InlineData(1e-12, 9.999999999995000000000003e-13)]
    [InlineData(0.5, 0.4054651081081643819780131)]
    [InlineData(700, 6.552507887034590090500348)]
    [InlineData(-0.5, -0.6931471805599453094172321)]
    public void Log1p_KnownValues_MatchToRelative1e14(double x, double expected) => Close(expected, Fn.Log1p(x));

    [Fact]
    public void Log1p_BelowMinusOne_IsNaN_AndAtMinusOne_IsMinusInfinity()
    {
        Assert.True(double.IsNaN(Fn.Log1p(-700)));
        Assert.Equal(double.NegativeInfinity, Fn.Log1p(-1));
    }

    [Theory]
    [InlineData(1e-300, 0.6931471805599453094172321)]
    [InlineData(1e-20, 0.6931471805599453094222321)]
    [InlineData(1e-12, 0.6931471805604453094172322)]
    [InlineData(0.5, 0.9740769841801066808729974)]
    [InlineData(700, 700.0)]
    [InlineData(-700, 9.859676543759770856705373e-305)]
    public void Softplus_KnownValues_MatchToRelative1e14(double x, double expected) => Close(expected, Fn.Softplus(x));

    [Theory]
    [InlineData(1e-300, -690.7755278982137052053974)]
    [InlineData(1e-20, -46.05170185988091368036483)]
    [InlineData(1e-12, -27.6310211159290482082159)]
    [InlineData(0.5, -0.932752129567188571894641)]
    [InlineData(700, -9.859676543759770856705373e-305)]
    public void Log1mExp_KnownValues_MatchToRelative1e14(double x, double expected) => Close(expected, Fn.Log1mExp(x));

    [Fact]
    public void Log1mExp_NegativeArgument_IsNaN() => Assert.True(double.IsNaN(Fn.Log1mExp(-700)));

    [Theory]
    [InlineData(1e-12)]   // (1e-300 is ill-conditioned: log(1e-300) ≈ −690.8 carries an absolute ulp of 1e-13)
    [InlineData(1e-6)]
    [InlineData(0.5)]
    [InlineData(30.5)]
    [InlineData(700)]
    public void Softplus_OfInverseSoftplus_RoundTrips(double y) => Close(y, Fn.Softplus(Fn.InverseSoftplus(y)));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1e-13, 1.00000000000005)]   // 1 + x/2 + x²/6
    [InlineData(-1e-6, 0.999999500000166666625)]
    [InlineData(2, 3.194528049465325113615214)]
    [InlineData(-40, 0.02499999999999999989379114)]
    public void Expm1OverX_KnownValues_Match(double x, double expected) => Close(expected, Fn.Expm1OverX(x));

    [Theory]
    [InlineData(800, 793.3153882723320727037123)]      // 800 + log1p(−e^{−800}) − log 800
    [InlineData(-1e-9, -4.999999999583333333333333e-10)]
    [InlineData(-800, -6.684611727667927296287679)]    // log(1 − e^{−800}) − log 800
    public void LogExpm1OverX_KnownValues_Match(double x, double expected) =>
        Assert.True(Math.Abs(Fn.LogExpm1OverX(x) - expected) <= 1e-14 * Math.Abs(expected), $"{Fn.LogExpm1OverX(x):R}");
}
