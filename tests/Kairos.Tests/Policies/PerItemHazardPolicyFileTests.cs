using Kairos.Policies;

namespace Kairos.Tests.Policies;

public sealed class PerItemHazardPolicyFileTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kairos-per-item-");
    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Save_load_save_is_bit_identical()
    {
        var policy = PerItemHazardFixtures.Policy();
        var json = PerItemHazardPolicyFile.ToJson(policy, "somewhere");
        var back = PerItemHazardPolicyFile.FromJson(json, PerItemHazardFixtures.Items);
        Assert.Equal(json, PerItemHazardPolicyFile.ToJson(back, "somewhere"));
        Assert.Equal(policy.ParameterHash, back.ParameterHash);
    }

    [Fact]
    public void A_clock_policy_round_trips_as_version_2_and_a_linear_one_stays_version_1()
    {
        var policy = PerItemHazardFixtures.ClockPolicy();
        var json = PerItemHazardPolicyFile.ToJson(policy, "somewhere");
        string text = System.Text.Encoding.UTF8.GetString(json);
        Assert.Contains("\"version\": 2", text);
        Assert.Contains("\"itemClock\": \"retrievability\"", text);
        var back = PerItemHazardPolicyFile.FromJson(json, PerItemHazardFixtures.Items);
        Assert.Equal(PerItemClock.Retrievability, back.Layout.Clock);
        Assert.Equal(json, PerItemHazardPolicyFile.ToJson(back, "somewhere"));
        Assert.Equal(policy.ParameterHash, back.ParameterHash);
        Assert.NotEqual(PerItemHazardFixtures.Policy().ParameterHash, new PerItemHazardPolicy(PerItemHazardFixtures.Items, 5,
            PerItemHazardFixtures.Policy().Parameters, clock: PerItemClock.Retrievability).ParameterHash);
        Assert.DoesNotContain("itemClock", System.Text.Encoding.UTF8.GetString(PerItemHazardPolicyFile.ToJson(PerItemHazardFixtures.Policy())));
        var bad = text.Replace("\"retrievability\"", "\"sundial\"");
        var e = Assert.Throws<UserInputException>(() => PerItemHazardPolicyFile.FromJson(System.Text.Encoding.UTF8.GetBytes(bad), PerItemHazardFixtures.Items, "p.json"));
        Assert.Contains("itemClock", e.Message);
    }

    [Theory]
    [InlineData("\"itemFeatures\": \"fsrs-memory\"", "\"itemFeatures\": \"other\"", "itemFeatures")]
    [InlineData("\"sharedSize\": 3", "\"sharedSize\": 4", "sharedSize")]
    [InlineData("\"version\": 1", "\"version\": 9", "version")]
    public void Bad_fields_are_named(string field, string replacement, string named)
    {
        string path = Path.Combine(_dir.FullName, "p.json");
        PerItemHazardPolicyFile.Save(PerItemHazardFixtures.Policy(), path);
        string text = File.ReadAllText(path);
        Assert.Contains(field, text);
        File.WriteAllText(path, text.Replace(field, replacement));
        var e = Assert.Throws<UserInputException>(() => PerItemHazardPolicyFile.Load(path, PerItemHazardFixtures.Items));
        Assert.Contains(path, e.Message);
        Assert.Contains(named, e.Message);
    }
}
