namespace Kairos.Learning.OffPolicy;

/// <summary>
/// Per-decision self-normalized IPS, V = mean_u R0_u + Σ_k Σ_u w_{u,1:k} r_{u,k} / Σ_u w_{u,1:k} (users with fewer
/// decisions keep their last weight and reward 0), with its delta-method standard error: the influence of user u is
/// (R0_u − mean R0) + Σ_k w_{u,1:k} (r_{u,k} − μ_k) / mean_u w_{u,1:k}. Evaluated on users weighted by their
/// multiplicity (a bootstrap resample), on dense user × decision tables built once.
/// </summary>
internal sealed class SelfNormalizedIps
{
    private readonly int _users, _steps;
    private readonly double[] _r0, _w, _r;

    public SelfNormalizedIps(ReplayedUser[] users, double[][] cumulative)
    {
        _users = users.Length;
        _steps = users.Max(x => x.Count);
        _r0 = users.Select(x => x.R0).ToArray();
        _w = new double[_users * _steps];
        _r = new double[_users * _steps];
        for (int u = 0; u < _users; u++)
        {
            var w = cumulative[u];
            for (int k = 0; k < _steps; k++)
            {
                _w[u * _steps + k] = w.Length == 0 ? 1 : w[Math.Min(k, w.Length - 1)];
                _r[u * _steps + k] = k < users[u].Count ? users[u].Reward[k] : 0;
            }
        }
    }

    public (double Value, double StandardError) Estimate(ReadOnlySpan<int> c)
    {
        int n = 0;
        double r0 = 0;
        for (int u = 0; u < _users; u++) { n += c[u]; r0 += c[u] * _r0[u]; }
        r0 /= n;
        var influence = new double[_users];
        for (int u = 0; u < _users; u++) influence[u] = _r0[u] - r0;
        var sw = new double[_steps];
        var swr = new double[_steps];
        for (int u = 0; u < _users; u++)
        {
            if (c[u] == 0) continue;
            var w = _w.AsSpan(u * _steps, _steps);
            var r = _r.AsSpan(u * _steps, _steps);
            for (int k = 0; k < _steps; k++) { sw[k] += c[u] * w[k]; swr[k] += c[u] * w[k] * r[k]; }
        }
        double value = r0;
        for (int k = 0; k < _steps; k++)
        {
            if (sw[k] == 0) continue;
            double mu = swr[k] / sw[k];
            value += mu;
            swr[k] = mu;
            sw[k] = n / sw[k];   // 1 / mean weight
        }
        double var = 0;
        for (int u = 0; u < _users; u++)
        {
            if (c[u] == 0) continue;
            var w = _w.AsSpan(u * _steps, _steps);
            var r = _r.AsSpan(u * _steps, _steps);
            double f = influence[u];
            for (int k = 0; k < _steps; k++) f += w[k] * (r[k] - swr[k]) * sw[k];
            var += c[u] * f * f;
        }
        return (value, Math.Sqrt(var / (n - 1) / n));
    }
}
