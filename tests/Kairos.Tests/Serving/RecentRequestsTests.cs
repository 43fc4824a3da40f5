using Kairos.Server;

namespace Kairos.Tests.Serving;

/// <summary>The dashboard's recent users: most recent first, each once, at most <see cref="RecentRequests.UserCapacity"/>.</summary>
public class RecentRequestsTests
{
    [Fact]
    public void Recent_users_match_a_most_recent_first_list_of_distinct_users()
    {
        var recent = new RecentRequests();
        var expected = new List<string>();
        var random = new Random(11);
        for (int i = 0; i < 3000; i++)
        {
            string? user = random.Next(10) == 0 ? null : $"u{random.Next(i < 1000 ? 15 : 60)}";
            recent.Record(0.001, user);
            if (user is not null)
            {
                expected.Remove(user);
                expected.Insert(0, user);
                if (expected.Count > RecentRequests.UserCapacity) expected.RemoveAt(expected.Count - 1);
            }
            Assert.Equal(expected, recent.Users);
        }
    }

    [Fact]
    public void A_repeated_user_moves_to_the_front_and_the_oldest_drops_out_when_full()
    {
        var recent = new RecentRequests();
        for (int i = 0; i < RecentRequests.UserCapacity; i++) recent.Record(0.001, $"u{i}");
        recent.Record(0.001, "u0");
        Assert.Equal("u0", recent.Users[0]);
        Assert.Equal(RecentRequests.UserCapacity, recent.Users.Count);
        recent.Record(0.001, "new");
        Assert.Equal(["new", "u0", $"u{RecentRequests.UserCapacity - 1}"], recent.Users.Take(3));
        Assert.DoesNotContain("u1", recent.Users);
    }
}
