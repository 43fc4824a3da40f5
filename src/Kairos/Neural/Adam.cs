using Kairos.Numerics;

namespace Kairos.Neural;

/// <summary>Adam (Kingma &amp; Ba 2015) minimising a loss over a flat θ, with TF's defaults β₁ = 0.9, β₂ = 0.999,
/// ε = 1e-8 (digest §2.3). The learning rate is passed per step (see <see cref="InverseTimeDecay"/>).</summary>
public sealed class Adam
{
    private readonly double[] _m, _v;

    public Adam(int length, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        _m = new double[Require.Positive(length, nameof(length))];
        _v = new double[length];
        Beta1 = Require.InRange(beta1, 0, 0.999999, nameof(beta1));
        Beta2 = Require.InRange(beta2, 0, 0.999999999, nameof(beta2));
        Epsilon = Require.Positive(epsilon, nameof(epsilon));
    }

    public double Beta1 { get; }
    public double Beta2 { get; }
    public double Epsilon { get; }
    /// <summary>Number of updates taken.</summary>
    public int Steps { get; private set; }

    /// <summary>θ ← θ − lr·m̂/(√v̂ + ε) for the loss gradient <paramref name="gradient"/>.</summary>
    public void Step(Span<double> theta, ReadOnlySpan<double> gradient, double learningRate)
    {
        if (theta.Length != _m.Length || gradient.Length != _m.Length)
            throw new ArgumentException($"Adam was built for {CountText.Of(_m.Length, "parameter")}, got θ {theta.Length} and gradient {gradient.Length}.");
        Steps++;
        double c1 = 1 - Math.Pow(Beta1, Steps), c2 = 1 - Math.Pow(Beta2, Steps);
        for (int i = 0; i < theta.Length; i++)
        {
            double g = gradient[i];
            _m[i] = Beta1 * _m[i] + (1 - Beta1) * g;
            _v[i] = Beta2 * _v[i] + (1 - Beta2) * g * g;
            theta[i] -= learningRate * (_m[i] / c1) / (Math.Sqrt(_v[i] / c2) + Epsilon);
        }
    }
}
