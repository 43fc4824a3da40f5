using Kairos.Neural.AdDelivery;

namespace Kairos.Learning.AdDelivery;

/// <summary>
/// Log-likelihood and gradient summed over many users in parallel, deterministically: users are cut into fixed
/// chunks, each chunk sums into its own buffer, and the buffers are added in chunk order, so the result does not
/// depend on the thread count.
/// </summary>
public sealed class AdBatchGradient
{
    public const int ChunkUsers = 8;
    private readonly AdModelLayout _layout;
    private readonly ThreadLocal<AdLikelihoodWorkspace> _workspaces;
    private readonly ParallelOptions _parallel;
    private double[][] _buffers = [];

    /// <param name="threads">Worker threads, or −1 for the runtime's choice (the sums are the same either way).</param>
    public AdBatchGradient(AdModelLayout layout, int threads = -1)
    {
        _layout = layout;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : -1 };
        _workspaces = new ThreadLocal<AdLikelihoodWorkspace>(() => new AdLikelihoodWorkspace(layout));
    }

    /// <summary>Σ_u ℓ_u; when <paramref name="gradient"/> is given, it is overwritten with
    /// <paramref name="weight"/>·Σ_u ∇ℓ_u.</summary>
    public AdLogLikelihood Evaluate(AdNetwork net, IReadOnlyList<AdUserSequence> users, double[]? gradient = null, double weight = 1)
    {
        int chunks = (users.Count + ChunkUsers - 1) / ChunkUsers;
        var results = new AdLogLikelihood[chunks];
        if (gradient is not null && _buffers.Length < chunks)
            _buffers = Enumerable.Range(0, chunks).Select(_ => new double[_layout.Length]).ToArray();
        var packed = new AdPackedNetwork(net);
        Parallel.For(0, chunks, _parallel, c =>
        {
            var ws = _workspaces.Value!;
            var buffer = gradient is null ? default : _buffers[c].AsSpan();
            buffer.Clear();
            var sum = default(AdLogLikelihood);
            for (int u = c * ChunkUsers; u < Math.Min(users.Count, (c + 1) * ChunkUsers); u++)
                sum += AdLikelihood.Evaluate(packed, users[u], ws, buffer, weight);
            results[c] = sum;
        });
        var total = default(AdLogLikelihood);
        foreach (var r in results) total += r;
        if (gradient is not null)
        {
            Array.Clear(gradient);
            for (int c = 0; c < chunks; c++)
                System.Numerics.Tensors.TensorPrimitives.Add(gradient, _buffers[c], gradient);
        }
        return total;
    }
}
