using CsCheck;
using Kairos.Decisions;
using Kairos.Policies;

namespace Kairos.Tests.Decisions;

public class SnapshotPropertyTests
{
    public static TheoryData<string> Kinds() => new(PolicyCatalogForTests.All().Select(c => c.Name));

    private static PolicyCatalogForTests.Case Get(string name) => PolicyCatalogForTests.All().Single(c => c.Name == name);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Decisions_CutAtRandomPointsThroughSerializedSnapshots_EqualTheUninterruptedRun(string kind)
    {
        var c = Get(kind);
        // For random streams (seed, length, user key) and random cut points
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[1, 120], Gen.ULong, Gen.Int[0, 119].HashSet[0, 8])
            .Sample((seed, length, key, cuts) =>
            {
                var whole = SnapshotDriver.Run(c.Policy, c.Context, seed, length, new HashSet<int>(), key, c.MeanGap);
                var pieces = SnapshotDriver.Run(c.Policy, c.Context, seed, length, cuts, key, c.MeanGap);
                Assert.Equal(whole, pieces);   // every decision, bit for bit (times printed with "R")
            }, iter: 40, threads: 1);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Decisions_DependOnTheUserKey(string kind)
    {
        // The property above would hold trivially for a policy that ignored its stream; deterministic kinds excepted.
        var c = Get(kind);
        if (kind is "threshold" or "cram" or "oracle") return;   // no randomness after the start (cram/oracle: one draw)
        var a = SnapshotDriver.Run(c.Policy, c.Context, 1, 40, new HashSet<int>(), 1, c.MeanGap);
        var b = SnapshotDriver.Run(c.Policy, c.Context, 1, 40, new HashSet<int>(), 2, c.MeanGap);
        Assert.NotEqual(a, b);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Restore_SnapshotOfAnotherPolicy_IsRefusedWithAClearMessage(string kind)
    {
        var c = Get(kind);
        var other = PolicyCatalogForTests.All().First(o => o.Name != kind && o.Policy.Kind != c.Policy.Kind);
        var foreign = other.Policy.CreateState(other.Context, new DecisionRandom(1)).Snapshot();
        var e = Assert.Throws<PolicyContextException>(() => c.Policy.Restore(foreign, c.Context));
        Assert.Contains(other.Policy.Kind, e.Message);
    }

    [Fact]
    public void Restore_SameKindOtherParameters_IsRefused()
    {
        var a = new UniformPolicy(2);
        var s = a.CreateState(new PolicyContext(3, 0), new DecisionRandom(1)).Snapshot();
        var e = Assert.Throws<PolicyContextException>(() => new UniformPolicy(2.5).Restore(s, new PolicyContext(3, 0)));
        Assert.Contains("parameters", e.Message);
    }

    [Fact]
    public void TpprlSnapshot_HiddenSize8_IsUnder1KiB_WhateverTheHistoryLength()
    {
        var c = Get("tpprl");
        var state = c.Policy.CreateState(c.Context, new DecisionRandom(3));
        var z = new double[c.Context.FeedbackSize];
        int sizeAfter10 = 0;
        for (int k = 1; k <= 10_000; k++)
        {
            var next = state.Next;
            double t = double.IsFinite(next.Time) ? next.Time : k;
            state.Observe(new Kairos.PointProcesses.Event(t, Kairos.PointProcesses.EventKind.Action, next.Mark, 1), z);
            if (k == 10) sizeAfter10 = PolicySnapshotBinary.Write(state.Snapshot()).Length;
        }
        int binary = PolicySnapshotBinary.Write(state.Snapshot()).Length, json = PolicySnapshotJson.Write(state.Snapshot()).Length;
        Assert.True(binary < 1024, $"binary snapshot {binary} bytes");
        Assert.True(json < 1024, $"JSON snapshot {json} bytes");
        Assert.Equal(sizeAfter10, binary);
    }

    [Fact]
    public void DeadlinePolicies_WithoutAHorizon_RefuseClearly()
    {
        var open = new PolicyContext(5, 1);
        foreach (var c in PolicyCatalogForTests.All().Where(c => c.Policy.RequiresHorizon))
        {
            var e = Assert.Throws<PolicyContextException>(() => c.Policy.CreateState(c.Context with { Horizon = null }, new DecisionRandom(1)));
            Assert.Contains(c.Policy.Name, e.Message);
            Assert.Contains("horizon", e.Message);
        }
        Assert.Contains(PolicyCatalogForTests.All(), c => c.Policy.RequiresHorizon);
        Assert.NotNull(new UniformPolicy(1).CreateState(open, new DecisionRandom(1)));   // no deadline: fine
    }
}

/// <summary>The property has power: a restore that loses the generator's position is caught.</summary>
public class SnapshotPropertyPowerTests
{
    private sealed class ForgetfulRestore(IDeliveryPolicy inner) : IDeliveryPolicy
    {
        public string Name => inner.Name;
        public string Kind => inner.Kind;
        public DecisionModes Modes => inner.Modes;
        public string ParameterHash => inner.ParameterHash;
        public IPolicyState CreateState(PolicyContext context, DecisionRandom random) => inner.CreateState(context, random);
        public IPolicyState Restore(PolicySnapshot snapshot, PolicyContext context) =>
            inner.Restore(snapshot with { RandomIndex = 0 }, context);
    }

    [Fact]
    public void Driver_RestoreThatResetsTheDrawIndex_ChangesTheDecisions()
    {
        var policy = new ForgetfulRestore(new UniformPolicy(3));
        var context = new PolicyContext(4, 0);
        var whole = SnapshotDriver.Run(policy, context, 1, 30, new HashSet<int>(), 9, 0.5);
        var cut = SnapshotDriver.Run(policy, context, 1, 30, new HashSet<int> { 10 }, 9, 0.5);
        Assert.NotEqual(whole, cut);
    }
}
