namespace Kairos.Tests.Cli;

/// <summary>Bad margin, log-seed, rollout-seed, posterior and history-weight flags of `train ad-delivery`, `experiment ad-delivery` and `fit-model`: exit 2, one error line naming the flag.</summary>
public sealed class AdDeliveryFlagCliTests
{
    [Theory]
    [InlineData("train ad-delivery --model m.json --policy plan --margin -0.1", "--margin")]
    [InlineData("train ad-delivery --model m.json --policy learned --margin 0.1", "--margin")]
    [InlineData("train ad-delivery --model m.json --policy plan --tune-margin missing-log.jsonl", "--tune-margin")]
    [InlineData("train ad-delivery --model m.json --policy plan --margins 0,x", "--margins")]
    [InlineData("experiment ad-delivery --sizes 20 --margins 0,0", "--margins")]
    [InlineData("experiment ad-delivery --sizes 20 --margins 0.1 --rollouts 0 --softmax", "--margins")]
    [InlineData("experiment ad-delivery --sizes 20 --log-seeds 1,x", "--log-seeds")]
    [InlineData("experiment ad-delivery --sizes 20 --log-seeds 2,2", "--log-seeds")]
    [InlineData("experiment ad-delivery --sizes 20 --rollout-seed -1", "--rollout-seed")]
    [InlineData("experiment ad-delivery --sizes 20 --posterior boot", "--posterior")]
    [InlineData("experiment ad-delivery --sizes 20 --history-weights --ensemble 0", "--history-weights")]
    [InlineData("experiment ad-delivery --sizes 20 --history-weights --rollouts 0 --softmax", "--history-weights")]
    [InlineData("fit-model --data logs.jsonl --posterior swag", "--posterior")]
    public void BadMarginFlag_ExitsTwoNamingIt(string args, string flag)
    {
        var r = CliRunner.Run(args.Split(' '));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("error:", r.Stderr);
        Assert.Contains(flag, r.Stderr);
    }
}
