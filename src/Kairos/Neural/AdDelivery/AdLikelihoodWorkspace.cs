namespace Kairos.Neural.AdDelivery;

/// <summary>Buffers of one forward/backward pass over a user (states h_0..h_n, their head gradients, the cell's
/// inputs), grown by doubling and reused; one per thread.</summary>
public sealed class AdLikelihoodWorkspace
{
    private readonly int _hidden;

    public AdLikelihoodWorkspace(AdModelLayout layout)
    {
        _hidden = layout.Hidden;
        Logits = new double[layout.Types];
        Probabilities = new double[layout.Types];
        Dh = new double[_hidden];
        Da = new double[_hidden];
        Ensure(64);
    }

    internal double[] States { get; private set; } = [];
    internal double[] StateGradients { get; private set; } = [];
    internal double[] Deltas { get; private set; } = [];
    internal double[] Features { get; private set; } = [];
    internal int[] Inputs { get; private set; } = [];
    internal double[] Logits { get; }
    internal double[] Probabilities { get; }
    internal double[] Dh { get; }
    internal double[] Da { get; }

    internal Span<double> State(int k) => States.AsSpan(k * _hidden, _hidden);
    internal Span<double> StateGradient(int k) => StateGradients.AsSpan(k * _hidden, _hidden);

    /// <summary>Room for <paramref name="events"/> steps (states 0..events).</summary>
    internal void Ensure(int events)
    {
        if (Inputs.Length >= events + 1) return;
        int n = Math.Max(events + 1, 2 * Inputs.Length);
        States = new double[n * _hidden];
        StateGradients = new double[n * _hidden];
        Deltas = new double[n];
        Features = new double[n];
        Inputs = new int[n];
    }
}
