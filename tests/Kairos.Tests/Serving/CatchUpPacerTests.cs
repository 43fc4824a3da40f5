using Kairos.Serving;

namespace Kairos.Tests.Serving;

/// <summary>
/// The catch-up pacer's slots against their closed form (the k-th reservation at one instant waits k/R − 1 s, none
/// within the first second's burst), and a cluster's pacers, each taking its share of the budget, against the
/// budget's bound: at most R·(t + 1) + n catch-ups leave within t seconds of the first on n silos (the one-second
/// burst, plus each pacer's first slot), however they are spread over the silos. Pacers each allowed the whole budget
/// (the former per-process rule) exceed that bound.
/// </summary>
public class CatchUpPacerTests
{
    private sealed class FrozenClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Reservations_at_one_instant_wait_k_over_the_rate_past_a_one_second_burst()
    {
        var pacer = new CatchUpPacer(4, new FrozenClock());
        for (int k = 0; k < 20; k++)
            Assert.Equal(Math.Max(0, k / 4.0 - 1), pacer.Reserve().TotalSeconds, 9);
    }

    [Fact]
    public void A_single_node_takes_the_whole_budget_and_an_unpaced_one_never_waits()
    {
        Assert.Equal(100, new CatchUpPacer(100, TimeProvider.System).Rate);
        var unpaced = new CatchUpPacer(double.PositiveInfinity, TimeProvider.System, () => 3);
        Assert.All(Enumerable.Range(0, 1000), _ => Assert.Equal(TimeSpan.Zero, unpaced.Reserve()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CatchUpPacer(0, TimeProvider.System));
    }

    [Theory]
    [InlineData(new[] { 10, 10, 10 })]
    [InlineData(new[] { 25, 4, 1 })]
    [InlineData(new[] { 30, 0, 0 })]
    public void Three_silos_sharing_the_budget_never_exceed_it(int[] overdue)
    {
        const double budget = 10;
        Assert.True(WithinBudget(overdue, budget, members: 3));
        Assert.False(WithinBudget([10, 10, 10], budget, members: 1), "pacers each allowed the whole budget exceed it");
    }

    [Fact]
    public void A_silo_paces_at_its_share_of_the_members_it_sees_now()
    {
        int members = 3;
        var pacer = new CatchUpPacer(12, new FrozenClock(), () => members);
        Assert.Equal(4, pacer.Rate);
        members = 2;   // a silo declared dead: the survivors take larger shares
        Assert.Equal(6, pacer.Rate);
        members = 0;   // never divided by zero
        Assert.Equal(12, pacer.Rate);
    }

    /// <summary>Reserves slots for each silo's overdue plans at one instant and checks that, for every t, at most
    /// budget·(t + 1) + silos leave within t seconds.</summary>
    private static bool WithinBudget(int[] overdue, double budget, int members)
    {
        var clock = new FrozenClock();
        var leave = new List<double>();
        foreach (int n in overdue)
        {
            var pacer = new CatchUpPacer(budget, clock, () => members);
            for (int i = 0; i < n; i++) leave.Add(pacer.Reserve().TotalSeconds);
        }
        leave.Sort();
        return leave.Select((t, i) => i + 1 <= budget * (t + 1) + overdue.Length + 1e-9).All(ok => ok);
    }
}
