using Kairos.Neural.AdDelivery;
using Kairos.Numerics;

namespace Kairos.Learning.AdDelivery;

/// <summary>A seeded split of users: 80% train, 10% held out for early stopping, 10% test for the fit report
/// (at least one user in each).</summary>
public sealed record AdDataSplit(IReadOnlyList<AdUserSequence> Train, IReadOnlyList<AdUserSequence> HeldOut, IReadOnlyList<AdUserSequence> Test)
{
    public static AdDataSplit Of(IReadOnlyList<AdUserSequence> users, int seed)
    {
        if (users.Count < 3)
            throw new UserInputException($"fitting needs at least 3 users (train, held-out and test), got {users.Count}.");
        var order = Enumerable.Range(0, users.Count).ToArray();
        SeedSequence.Stream(seed, 0).Shuffle(order);
        int tenth = Math.Max(1, users.Count / 10);
        return new AdDataSplit(order.Skip(2 * tenth).Select(i => users[i]).ToList(),
            order.Take(tenth).Select(i => users[i]).ToList(), order.Skip(tenth).Take(tenth).Select(i => users[i]).ToList());
    }
}
