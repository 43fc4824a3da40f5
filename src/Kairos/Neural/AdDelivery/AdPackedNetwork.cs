namespace Kairos.Neural.AdDelivery;

/// <summary>
/// One <see cref="AdNetwork"/> repacked for the likelihood's hot loop, once per θ: the cell as a
/// <see cref="PackedCell"/>, and the R = 3 + C + M head rows (time, type, value: W_τ, W_y, W_μ with their biases)
/// as one matrix, row-major (for dh = Σ_r d_r W[r]) and transposed (for the outputs W h + b), padded with zeros to
/// multiples of 4. The value heads' clamped log-sd are constants of θ and are precomputed.
/// </summary>
public sealed class AdPackedNetwork
{
    public AdPackedNetwork(AdNetwork net)
    {
        Network = net;
        var layout = Layout = net.Layout;
        ReadOnlySpan<double> theta = net.Theta;
        Cell = new PackedCell(theta, layout.Cell);
        int h = layout.Hidden, s = Stride = Cell.Stride;
        Rows = AdModelLayout.TimeOutputs + layout.Types + layout.FeedbackMarks;
        PaddedRows = (Rows + 3) / 4 * 4;
        Heads = new double[Rows * s];
        HeadsT = new double[h * PaddedRows];
        Bias = new double[PaddedRows];
        for (int r = 0; r < Rows; r++)
        {
            var (w, b) = Row(layout, r);
            Bias[r] = theta[b];
            for (int j = 0; j < h; j++) HeadsT[j * PaddedRows + r] = Heads[r * s + j] = theta[w + j];
        }
        LogSd = new double[layout.FeedbackMarks];
        FreeSd = new bool[layout.FeedbackMarks];
        for (int m = 0; m < LogSd.Length; m++)
        {
            double v = theta[layout.ValueS + m];
            LogSd[m] = Math.Clamp(v, AdHeads.SdLow, AdHeads.SdHigh);
            FreeSd[m] = v > AdHeads.SdLow && v < AdHeads.SdHigh;
        }
    }

    public AdNetwork Network { get; }
    public AdModelLayout Layout { get; }
    public PackedCell Cell { get; }
    public int Stride { get; }
    /// <summary>R: head rows 0..2 time, 3..3+C−1 type, then M value rows.</summary>
    public int Rows { get; }
    public int PaddedRows { get; }
    public int TypeRow => AdModelLayout.TimeOutputs;
    public int ValueRow => AdModelLayout.TimeOutputs + Layout.Types;
    internal double[] Heads { get; }
    internal double[] HeadsT { get; }
    internal double[] Bias { get; }
    internal double[] LogSd { get; }
    internal bool[] FreeSd { get; }

    /// <summary>Offsets in θ of head row r's weights and bias.</summary>
    public static (int Weights, int Bias) Row(AdModelLayout layout, int r)
    {
        int h = layout.Hidden, t = AdModelLayout.TimeOutputs;
        if (r < t) return (layout.TimeW + r * h, layout.TimeB + r);
        if (r < t + layout.Types) return (layout.TypeW + (r - t) * h, layout.TypeB + r - t);
        int m = r - t - layout.Types;
        return (layout.ValueW + m * h, layout.ValueB + m);
    }
}
