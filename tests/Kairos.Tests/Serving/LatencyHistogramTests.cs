using System.Text;
using Kairos.Cli.Commands;
using Kairos.Server;
using Kairos.Serving;

namespace Kairos.Tests.Serving;

/// <summary>The server's handler-latency histogram resolves sub-millisecond quantiles: known samples recorded by
/// <see cref="ServerMetrics"/>, rendered to /metrics text and read back by `kairos loadgen`, give each quantile's
/// bucket bound within one bucket ratio (2^(1/4)) above the true value.</summary>
public class LatencyHistogramTests
{
    private static readonly double Ratio = Math.Pow(2, 1.0 / LatencyBuckets.PerDoubling);

    [Fact]
    public void Bounds_are_increasing_log_spaced_from_50_microseconds_past_ten_seconds()
    {
        var b = LatencyBuckets.Bounds;
        Assert.Equal(50e-6, b[0]);
        Assert.True(b[^1] > 10);
        for (int i = 1; i < b.Count; i++)
        {
            Assert.True(b[i] > b[i - 1]);
            Assert.InRange(b[i] / b[i - 1], Ratio * 0.99, Ratio * 1.01);   // three significant digits move a ratio by < 1 %
        }
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(50e-6, 0)]        // a sample on a bound belongs to it (Prometheus `le`)
    [InlineData(50.1e-6, 1)]
    [InlineData(1e9, 73)]         // beyond the last bound: the +Inf bucket
    public void A_sample_goes_to_the_first_bound_at_or_above_it(double seconds, int index) =>
        Assert.Equal(index, LatencyBuckets.IndexOf(seconds));

    [Fact]
    public void Known_samples_give_their_quantiles_within_one_bucket_through_metrics_and_loadgen()
    {
        var metrics = new ServerMetrics();
        var before = Parse(metrics);
        // 990 samples evenly spread over (0, 1.3 ms] and 10 at 40 ms: nearest-rank p50 = 0.65 ms, p99 = 1.3 ms, p99.9 = 40 ms.
        for (int k = 1; k <= 990; k++) metrics.Record("/v1/users/{id}/opportunity", 200, 1.3e-3 * k / 990);
        for (int k = 0; k < 10; k++) metrics.Record("/v1/users/{id}/events", 200, 40e-3);
        var json = System.Text.Json.JsonSerializer.SerializeToElement(LoadgenCommand.ServerQuantiles(before, Parse(metrics)));

        Assert.Equal(1000, json.GetProperty("requests").GetInt64());
        AssertWithinOneBucket(0.65, json.GetProperty("p50AtMost").GetDouble());
        AssertWithinOneBucket(1.3, json.GetProperty("p99AtMost").GetDouble());
        AssertWithinOneBucket(40, json.GetProperty("p999AtMost").GetDouble());
    }

    private static void AssertWithinOneBucket(double trueMs, double boundMs) => Assert.InRange(boundMs, trueMs, trueMs * Ratio * 1.01);

    private static SortedDictionary<double, long> Parse(ServerMetrics metrics)
    {
        var s = new StringBuilder();
        metrics.RenderRequests(s);
        return LoadgenCommand.ParseBuckets(s.ToString());
    }
}
