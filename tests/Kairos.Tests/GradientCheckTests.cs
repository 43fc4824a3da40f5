namespace Kairos.Tests;

/// <summary>The gradient rule can fail: a small gradient that is wrong by 0.1% (which a floor of 1 on the relative
/// error would accept) is rejected, and the right one passes.</summary>
public sealed class GradientCheckTests
{
    [Fact]
    public void AssertGradient_SmallGradientOffByATenthOfAPercent_IsRejected()
    {
        static double F(double[] x) => 1e-3 * Math.Sin(x[0]) + 50 * Math.Exp(x[1]);
        double[] x = [0.4, -0.3];
        double[] right = [1e-3 * Math.Cos(0.4), 50 * Math.Exp(-0.3)];
        GradientCheck.AssertGradient(F, x, right, "right");
        double[] wrong = [right[0] * 1.001, right[1]];
        Assert.True(Math.Abs(wrong[0] - right[0]) <= 1e-6 * Math.Max(1, Math.Abs(right[0])), "the old rule's floor of 1 accepts it");
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => GradientCheck.AssertGradient(F, x, wrong, "wrong"));
    }
}
