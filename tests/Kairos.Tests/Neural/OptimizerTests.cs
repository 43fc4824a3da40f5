using Kairos.Neural;

namespace Kairos.Tests.Neural;

public class OptimizerTests
{
    [Fact]
    public void Step_FirstUpdate_MovesEachCoordinateByTheLearningRate()
    {
        // Bias-corrected Adam: m̂ = g, v̂ = g², so the first step is lr·g/(|g| + ε) ≈ lr·sign(g).
        var adam = new Adam(3);
        double[] theta = [1, 2, 3];
        adam.Step(theta, [0.5, -4, 1e-3], 0.1);
        Assert.Equal(0.9, theta[0], 1e-7);
        Assert.Equal(2.1, theta[1], 1e-7);
        Assert.Equal(2.9, theta[2], 1e-4);
    }

    [Fact]
    public void Step_OnAQuadratic_ConvergesToTheMinimum()
    {
        var adam = new Adam(2);
        double[] theta = [5, -3];
        var schedule = new InverseTimeDecay(0.1, 0.01);
        for (int t = 0; t < 3000; t++)
            adam.Step(theta, [2 * (theta[0] - 1), 20 * (theta[1] + 2)], schedule.At(t));
        Assert.Equal(1, theta[0], 1e-3);
        Assert.Equal(-2, theta[1], 1e-3);
    }

    [Fact]
    public void InverseTimeDecay_At_FollowsLr0OverOnePlusRateT() =>
        Assert.Equal(0.02 / (1 + 2e-3 * 500), new InverseTimeDecay(0.02, 2e-3).At(500), 1e-17);

    [Fact]
    public void Clip_LargeGradient_ScalesToTheClipNorm()
    {
        double[] g = [3, 4];
        Assert.Equal(5, GlobalNorm.Clip(g, 1.0));
        Assert.Equal(0.6, g[0], 1e-15);
        Assert.Equal(0.8, g[1], 1e-15);
        double[] small = [0.3, 0.4];
        GlobalNorm.Clip(small, 1.0);
        Assert.Equal([0.3, 0.4], small);
        Assert.Throws<UserInputException>(() => GlobalNorm.Clip([double.NaN], 1.0));
    }
}
