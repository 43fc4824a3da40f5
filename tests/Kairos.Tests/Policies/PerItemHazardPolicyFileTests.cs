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
