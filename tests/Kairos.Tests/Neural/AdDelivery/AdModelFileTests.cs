using Kairos.Neural.AdDelivery;
using Kairos.Tests.Policies.AdDelivery;

namespace Kairos.Tests.Neural.AdDelivery;

public sealed class AdModelFileTests
{
    [Fact]
    public void RoundTrip_KeepsEveryNumberBitForBit()
    {
        var model = AdTestModels.Small();
        var back = AdModelFile.Parse(AdModelFile.ToJson(model), "m.json");
        Assert.Equal(model.Map.Theta, back.Map.Theta);
        Assert.Equal(model.Members[1].Theta, back.Members[1].Theta);
        Assert.Equal(model.ValuedMarks, back.ValuedMarks);
        Assert.Equal((model.Horizon, model.ConversionMark, model.Map.TimeScale), (back.Horizon, back.ConversionMark, back.Map.TimeScale));
        Assert.Equal(model.Layout, back.Layout);
        Assert.Equal([1.0, 4, 16], back.Layout.ExposureDecays);
    }

    [Fact]
    public void Version1File_IsReadAsAModelWithoutExposureInputs()
    {
        var model = AdTestModels.Small(exposure: false);
        var json = AdModelFile.ToJson(model).Replace("\"version\":2", "\"version\":1").Replace("\"exposureDecays\":[],", "");
        Assert.DoesNotContain("exposureDecays", json);
        var back = AdModelFile.Parse(json, "m.json");
        Assert.False(back.Layout.HasExposure);
        Assert.Equal(model.Map.Theta, back.Map.Theta);
    }

    [Fact]
    public void Version1File_WithExposureSizedParameters_IsRefusedNamingTheField()
    {
        var json = AdModelFile.ToJson(AdTestModels.Small()).Replace("\"version\":2", "\"version\":1");
        var e = Assert.Throws<UserInputException>(() => AdModelFile.Parse(json, "m.json"));
        Assert.Contains("'map'", e.Message);
    }

    [Fact]
    public void Parse_BadExposureDecay_NamesTheField()
    {
        var json = AdModelFile.ToJson(AdTestModels.Small()).Replace("\"exposureDecays\":[1,4,16]", "\"exposureDecays\":[1,-4,16]");
        var e = Assert.Throws<UserInputException>(() => AdModelFile.Parse(json, "m.json"));
        Assert.Contains("'exposureDecays[1]'", e.Message);
    }

    [Theory]
    [InlineData("{", "m.json:1:2: not valid JSON")]
    [InlineData("""{"format":"kairos.tpprl-policy","version":1}""", "'format'")]
    [InlineData("""{"format":"kairos.ad-model","version":9}""", "'version'")]
    public void Parse_BadFile_NamesTheProblem(string json, string expected)
    {
        var e = Assert.Throws<UserInputException>(() => AdModelFile.Parse(json, "m.json"));
        Assert.Contains("m.json", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Parse_WrongParameterCount_NamesTheField()
    {
        var json = AdModelFile.ToJson(AdTestModels.Small()).Replace("\"map\":[", "\"map\":[0.5,");
        var e = Assert.Throws<UserInputException>(() => AdModelFile.Parse(json, "m.json"));
        Assert.Contains("'map'", e.Message);
    }
}
