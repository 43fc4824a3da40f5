using Kairos.Neural.AdDelivery;
using Kairos.Numerics;
using Kairos.PointProcesses;

namespace Kairos.Cli.Bench;

/// <summary>
/// The bench's naive baseline for the user model's log-likelihood and gradient: the same mathematics written the
/// obvious way — a <see cref="BurrXII"/> object per event, a fresh array per state, scalar loops and Math.Tanh, no
/// SIMD kernels and no reused buffers. Tests check it against <see cref="AdLikelihood"/> (an independent second
/// implementation of the backward pass).
/// </summary>
public static class NaiveAdLikelihood
{
    public static double Evaluate(AdNetwork net, AdUserSequence user, double[] gradient)
    {
        var l = net.Layout;
        var cell = l.Cell;
        var th = net.Theta;
        int n = l.Hidden;
        var states = new List<double[]> { new double[n] };
        var dStates = new List<double[]> { new double[n] };
        var inputs = new List<(int Row, double Delta, double[] Z)> { default };
        int f = l.FeatureSize;
        var ads = new List<double>();
        double total = 0, tLast = 0;
        for (int k = 0; k <= user.Events.Count; k++)
        {
            var h = states[k];
            var dh = dStates[k];
            bool end = k == user.Events.Count;
            var e = end ? default : user.Events[k];
            double tau = (end ? user.End : e.Time) - tLast;
            bool userEvent = !end && e.Kind != EventKind.Action;
            if (userEvent || tau > 0)
            {
                var a = new double[3];
                var free = new bool[3];
                double[] lo = [-25, -3, -3], hi = [25, 3, 4];
                for (int r = 0; r < 3; r++)
                {
                    double s = th[l.TimeB + r];
                    for (int i = 0; i < n; i++) s += th[l.TimeW + r * n + i] * h[i];
                    free[r] = s > lo[r] && s < hi[r];
                    a[r] = Math.Clamp(s, lo[r], hi[r]);
                }
                var burr = new BurrXII(net.TimeScale * Math.Exp(a[0]), Math.Exp(a[1]), Math.Exp(a[2]));
                var g = new double[3];
                double gap = Math.Max(tau, net.MinGap);
                total += userEvent ? burr.LogDensityGradient(gap, g) : burr.LogSurvivalGradient(tau, g);
                double[] chain = [burr.Scale, burr.Shape, burr.Tail];
                for (int r = 0; r < 3; r++)
                {
                    if (!free[r]) continue;
                    double d = g[r] * chain[r];
                    gradient[l.TimeB + r] += d;
                    for (int i = 0; i < n; i++)
                    {
                        gradient[l.TimeW + r * n + i] += d * h[i];
                        dh[i] += d * th[l.TimeW + r * n + i];
                    }
                }
            }
            if (userEvent)
            {
                double gf = Fn.Log1p(tau / net.TimeScale);
                var logits = new double[l.Types];
                for (int c = 0; c < l.Types; c++)
                {
                    logits[c] = th[l.TypeB + c] + th[l.TypeU + c] * gf;
                    for (int i = 0; i < n; i++) logits[c] += th[l.TypeW + c * n + i] * h[i];
                }
                double max = logits.Max(), sum = logits.Sum(v => Math.Exp(v - max));
                int type = l.Type(e.Kind, e.Mark);
                total += logits[type] - max - Math.Log(sum);
                for (int c = 0; c < l.Types; c++)
                {
                    double d = (c == type ? 1 : 0) - Math.Exp(logits[c] - max) / sum;
                    gradient[l.TypeB + c] += d;
                    gradient[l.TypeU + c] += d * gf;
                    for (int i = 0; i < n; i++)
                    {
                        gradient[l.TypeW + c * n + i] += d * h[i];
                        dh[i] += d * th[l.TypeW + c * n + i];
                    }
                }
                if (e.Kind == EventKind.Feedback && e.Value is { } v && v > 0)
                {
                    double mean = th[l.ValueB + e.Mark];
                    for (int i = 0; i < n; i++) mean += th[l.ValueW + e.Mark * n + i] * h[i];
                    double s = th[l.ValueS + e.Mark], logSd = Math.Clamp(s, -6, 3), sd = Math.Exp(logSd), y = Math.Log(v), r = (y - mean) / sd;
                    total += -0.5 * Math.Log(2 * Math.PI) - logSd - 0.5 * r * r - y;
                    if (s > -6 && s < 3) gradient[l.ValueS + e.Mark] += r * r - 1;
                    gradient[l.ValueB + e.Mark] += r / sd;
                    for (int i = 0; i < n; i++)
                    {
                        gradient[l.ValueW + e.Mark * n + i] += r / sd * h[i];
                        dh[i] += r / sd * th[l.ValueW + e.Mark * n + i];
                    }
                }
            }
            if (end) break;
            int row = l.Input(e.Kind, e.Mark);
            double delta = Fn.Log1p(tau / net.TimeScale);
            if (e.Kind == EventKind.Action && e.Mark > 0) ads.Add(e.Time);
            var z = new double[f];
            z[0] = e.Kind == EventKind.Feedback && e.Value is { } w && w > 0 ? Fn.Log1p(w) : 0;
            if (l.HasExposure)   // from the list of past ads directly: time since the latest, Σ e^{−(t − t_ad)/T_j}
            {
                z[1] = Fn.Log1p((e.Time - (ads.Count > 0 ? ads[^1] : 0)) / net.TimeScale);
                for (int j = 0; j < l.ExposureDecays.Count; j++)
                    foreach (double t in ads) z[2 + j] += Math.Exp(-(e.Time - t) / l.ExposureDecays[j]);
            }
            var next = new double[n];
            for (int i = 0; i < n; i++)
            {
                double s = th[cell.Wm + row * n + i] + th[cell.Bh + i] + th[cell.Wt + i] * delta;
                for (int c = 0; c < f; c++) s += th[cell.Wr + i * f + c] * z[c];
                for (int j = 0; j < n; j++) s += th[cell.Wh + i * n + j] * h[j];
                next[i] = Math.Tanh(s);
            }
            states.Add(next);
            dStates.Add(new double[n]);
            inputs.Add((row, delta, z));
            tLast = e.Time;
        }
        var back = (double[])dStates[^1].Clone();
        for (int k = states.Count - 1; k >= 1; k--)
        {
            var (row, delta, z) = inputs[k];
            var da = new double[n];
            for (int i = 0; i < n; i++)
            {
                da[i] = back[i] * (1 - states[k][i] * states[k][i]);
                gradient[cell.Wm + row * n + i] += da[i];
                gradient[cell.Bh + i] += da[i];
                gradient[cell.Wt + i] += da[i] * delta;
                for (int c = 0; c < f; c++) gradient[cell.Wr + i * f + c] += da[i] * z[c];
                for (int j = 0; j < n; j++) gradient[cell.Wh + i * n + j] += da[i] * states[k - 1][j];
            }
            back = new double[n];
            for (int j = 0; j < n; j++)
            {
                for (int i = 0; i < n; i++) back[j] += th[cell.Wh + i * n + j] * da[i];
                back[j] += dStates[k - 1][j];
            }
        }
        return total;
    }
}
