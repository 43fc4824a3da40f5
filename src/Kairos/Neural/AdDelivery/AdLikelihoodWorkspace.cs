namespace Kairos.Neural.AdDelivery;

/// <summary>Buffers of one forward/backward pass over a user (states h_0..h_n at the packed stride, their head
/// gradients, the heads' outputs and the heads' packed gradient), grown by doubling and reused; one per thread.</summary>
public sealed class AdLikelihoodWorkspace
{
    private readonly int _stride;

    public AdLikelihoodWorkspace(AdModelLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Layout = layout;
        _stride = (layout.Hidden + 3) / 4 * 4;
        int rows = AdModelLayout.TimeOutputs + layout.Types + layout.FeedbackMarks, padded = (rows + 3) / 4 * 4;
        Outputs = new double[padded];
        Derivatives = new double[padded];
        Probabilities = new double[layout.Types];
        Dh = new double[_stride];
        Da = new double[_stride];
        HeadGradient = new double[rows * _stride];
        BiasGradient = new double[padded];
        Ensure(64);
    }

    internal AdModelLayout Layout { get; }
    internal double[] States { get; private set; } = [];
    internal double[] StateGradients { get; private set; } = [];
    /// <summary>da_k = ∂ℓ/∂(pre-activation) of the cell at step k, for the backward pass.</summary>
    internal double[] CellGradients { get; private set; } = [];
    internal double[] Outputs { get; }
    internal double[] Derivatives { get; }
    internal double[] Probabilities { get; }
    internal double[] Dh { get; }
    internal double[] Da { get; }
    internal double[] HeadGradient { get; }
    internal double[] BiasGradient { get; }

    internal Span<double> State(int k) => States.AsSpan(k * _stride, _stride);
    internal Span<double> StateGradient(int k) => StateGradients.AsSpan(k * _stride, _stride);

    /// <summary>Room for <paramref name="events"/> steps (states 0..events).</summary>
    internal void Ensure(int events)
    {
        if (States.Length >= (events + 1) * _stride) return;
        int n = Math.Max(events + 1, 2 * States.Length / _stride);
        States = new double[n * _stride];
        StateGradients = new double[n * _stride];
        CellGradients = new double[n * _stride];
    }
}
