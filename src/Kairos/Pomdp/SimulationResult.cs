namespace Kairos.Pomdp;

/// <summary>Monte-Carlo estimate of a policy's expected discounted reward: mean over customers with a normal 95%
/// confidence interval (mean ± 1.96 s/√N).</summary>
public sealed record SimulationResult(string Policy, int Customers, double Mean, double StandardError, double PurchaseRate)
{
    public double Low => Mean - 1.96 * StandardError;
    public double High => Mean + 1.96 * StandardError;
}
