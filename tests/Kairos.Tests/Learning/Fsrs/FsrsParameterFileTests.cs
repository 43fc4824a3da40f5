using Kairos.Learning.Fsrs;
using Kairos.Models.SpacedRepetition.Fsrs;

namespace Kairos.Tests.Learning.Fsrs;

public class FsrsParameterFileTests
{
    [Fact]
    public void Written_parameters_read_back_exactly()
    {
        string path = Path.GetTempFileName();
        try
        {
            var w = FsrsParameters.Clipped(FsrsParameters.Default.Weights.Select(v => v * 1.1 + 1e-9).ToArray());
            FsrsParameterFile.Write(path, w, new { note = "test" });
            Assert.Equal(w.Weights, FsrsParameterFile.Read(path).Weights);
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("[1,2]", "p.json: (root): expected a JSON object")]
    [InlineData("{\"format\":\"x\",\"version\":1}", "p.json: format: expected \"kairos.fsrs-parameters\"")]
    [InlineData("{\"format\":\"kairos.fsrs-parameters\",\"version\":2,\"parameters\":[]}", "p.json: version: version 2 is not supported")]
    [InlineData("{\"format\":\"kairos.fsrs-parameters\",\"version\":1,\"parameters\":[1,2]}", "p.json: parameters: FSRS-6 has 21 parameters, got 2")]
    [InlineData("{\"format\":\"kairos.fsrs-parameters\",\"version\":1,\"parameters\":[0.2,1.3,2.3,8.3,6.4,0.8,3.0,0.001,1.9,0.17,0.8,1.5,0.06,0.26,1.6,0.6,1.9,0.5,0.09,0.07,\"a\"]}", "p.json: parameters[20] (w20): expected a number")]
    [InlineData("{\"format\":\"kairos.fsrs-parameters\",\"version\":1,\"parameters\":[0.2,1.3,2.3,8.3,60,0.8,3.0,0.001,1.9,0.17,0.8,1.5,0.06,0.26,1.6,0.6,1.9,0.5,0.09,0.07,0.2]}", "p.json: parameters[4] (w4): 60 lies outside [1, 10]")]
    public void Bad_files_name_the_member(string json, string message)
    {
        var e = Assert.Throws<UserInputException>(() => FsrsParameterFile.Parse(System.Text.Json.Nodes.JsonNode.Parse(json), "p.json"));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void Malformed_json_names_the_line()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "{\n\"format\": \"kairos.fsrs-parameters\",\n\"version\": 1,,\n}");
            var e = Assert.Throws<UserInputException>(() => FsrsParameterFile.Read(path));
            Assert.StartsWith($"{path}:3:14: not valid JSON", e.Message);
        }
        finally { File.Delete(path); }
    }
}
