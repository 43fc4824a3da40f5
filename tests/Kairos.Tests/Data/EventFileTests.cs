using System.Text;
using Kairos.Data;
using Kairos.PointProcesses;

namespace Kairos.Tests.Data;

public class EventFileTests
{
    private static List<EventRecord> Read(string text, EventFileFormat format) =>
        EventFiles.Read(new StringReader(text), format, "f.txt").Cast<EventRecord>().ToList();

    private static string ErrorOf(string text, EventFileFormat format) =>
        Assert.Throws<UserInputException>(() => Read(text, format)).Message;

    private static readonly EventRecord[] Sample =
    [
        new("u1", new Event(0.1, EventKind.Action, 3)),
        new("u1", new Event(1.0 / 3, EventKind.Feedback, 0, 0.7)),
        new("u, \"2\"", new Event(1e-300, EventKind.Opportunity, -2, -1.5e300)),
        new("u1", new Event(Math.PI * 1e6, EventKind.Action, int.MaxValue, double.Epsilon)),
        new("é", new Event(0.30000000000000004)),
    ];

    [Theory]
    [InlineData(EventFileFormat.JsonLines)]
    [InlineData(EventFileFormat.Csv)]
    public void WriteThenRead_AwkwardValues_RoundTripsBitIdentically(EventFileFormat format)
    {
        var sb = new StringWriter();
        EventWriter.Write(sb, format, Sample);
        var back = Read(sb.ToString(), format);
        Assert.Equal(Sample.Length, back.Count);
        for (int i = 0; i < Sample.Length; i++)
        {
            Assert.Equal(Sample[i].User, back[i].User);
            Assert.Equal(BitConverter.DoubleToInt64Bits(Sample[i].Event.Time), BitConverter.DoubleToInt64Bits(back[i].Event.Time));
            Assert.Equal(Sample[i].Event.Kind, back[i].Event.Kind);
            Assert.Equal(Sample[i].Event.Mark, back[i].Event.Mark);
            Assert.Equal(Sample[i].Event.Value is { } v ? BitConverter.DoubleToInt64Bits(v) : (long?)null,
                back[i].Event.Value is { } w ? BitConverter.DoubleToInt64Bits(w) : null);
        }
        // and writing again gives the same bytes
        var again = new StringWriter();
        EventWriter.Write(again, format, back.Select(r => r with { Line = 0 }));
        Assert.Equal(sb.ToString(), again.ToString());
    }

    [Fact]
    public void WriteThenReadFile_NoWindowRows_GroupsByUserInFirstAppearanceOrder()
    {
        var dir = Directory.CreateTempSubdirectory("kairos-data-");
        try
        {
            foreach (var name in new[] { "e.jsonl", "e.csv", "e.ndjson" })
            {
                string path = Path.Combine(dir.FullName, name);
                EventFiles.Write(path, Sample);
                var data = EventFiles.ReadDataSet(path);
                Assert.Equal(["u1", "u, \"2\"", "é"], data.Select(h => h.User));
                Assert.Equal(3, data[0].Events.Count);
            }
        }
        finally { dir.Delete(true); }
    }

    public static TheoryData<EventFileFormat, string, string> Malformed() => new()
    {
        { EventFileFormat.JsonLines, "{\"time\":1}\n{\"time\":2,", "f.txt:2:10: not valid JSON" },
        { EventFileFormat.JsonLines, "{\"user\":\"a\"}", "f.txt:1: field 'time': missing" },
        { EventFileFormat.JsonLines, "{\"time\":\"NaN\"}", "f.txt:1: field 'time': must be a finite number, got NaN" },
        { EventFileFormat.JsonLines, "{\"time\":\"Infinity\"}", "f.txt:1: field 'time': must be a finite number, got Infinity" },
        { EventFileFormat.JsonLines, "{\"time\":1e400}", "f.txt:1: field 'time': must be a finite number, got Infinity" },
        { EventFileFormat.JsonLines, "{\"time\":-0.5}", "f.txt:1: field 'time': must be >= 0, got -0.5" },
        { EventFileFormat.JsonLines, "{\"time\":\"soon\"}", "f.txt:1: field 'time': must be a number or an ISO-8601 timestamp (e.g. 2024-05-01T12:30:00Z), got 'soon'" },
        { EventFileFormat.JsonLines, "{\"time\":1,\"kind\":\"click\"}", "f.txt:1: field 'kind': unknown kind 'click'; allowed: action, feedback, opportunity" },
        { EventFileFormat.JsonLines, "{\"time\":1,\"mark\":1.5}", "f.txt:1: field 'mark': must be an integer, got 1.5" },
        { EventFileFormat.JsonLines, "{\"time\":1,\"value\":true}", "f.txt:1: field 'value': must be a number, got true" },
        { EventFileFormat.JsonLines, "[1,2]", "f.txt:1: expected a JSON object, got array" },
        { EventFileFormat.JsonLines, "{\"user\":\"a\",\"time\":2}\n{\"user\":\"b\",\"time\":1}\n\n{\"user\":\"a\",\"time\":1.5}",
            "f.txt:4: field 'time': 1.5 is earlier than the previous time 2 of user 'a'" },
        { EventFileFormat.Csv, "user,kind\nu1,action", "f.txt:1: header: no 'time' column" },
        { EventFileFormat.Csv, "time,time\n1,2", "f.txt:1: header: column 'time' appears twice" },
        { EventFileFormat.Csv, "user,time\nu1,1\nu1", "f.txt:3: expected 2 fields as in the header, got 1" },
        { EventFileFormat.Csv, "user,time\nu1,", "f.txt:2: field 'time': missing" },
        { EventFileFormat.Csv, "user,time\nu1,NaN", "f.txt:2: field 'time': must be a finite number, got NaN" },
        { EventFileFormat.Csv, "user,time\nu1,-Infinity", "f.txt:2: field 'time': must be a finite number, got -Infinity" },
        { EventFileFormat.Csv, "user,time\nu1,-1", "f.txt:2: field 'time': must be >= 0, got -1" },
        { EventFileFormat.Csv, "user,time\nu1,1,5e", "f.txt:2: expected 2 fields" },
        { EventFileFormat.Csv, "user,time\nu1,1.5x", "f.txt:2: field 'time': must be a number or an ISO-8601 timestamp (e.g. 2024-05-01T12:30:00Z), got '1.5x'" },
        { EventFileFormat.Csv, "time,kind\n1,Feedbak", "f.txt:2: field 'kind': unknown kind 'Feedbak' (did you mean 'feedback'?); allowed" },
        { EventFileFormat.Csv, "time,mark\n1,2.5", "f.txt:2: field 'mark': must be an integer, got '2.5'" },
        { EventFileFormat.Csv, "user,time\n\"u1,1", "f.txt:2: malformed CSV: unterminated quoted field" },
        { EventFileFormat.Csv, "user,time\nu\"1,1", "f.txt:2: malformed CSV: stray quote at column 2" },
        { EventFileFormat.Csv, "user,time\nu1,3\nu2,1\nu1,2.5", "f.txt:4: field 'time': 2.5 is earlier than the previous time 3 of user 'u1'" },
    };

    [Theory, MemberData(nameof(Malformed))]
    public void Read_MalformedInput_ThrowsNamingFileLineAndField(EventFileFormat format, string text, string expected)
    {
        Assert.StartsWith(expected, ErrorOf(text, format));
    }

    [Fact]
    public void ReadCsv_QuotedFieldsAnyColumnOrderAndMissingOptionalColumns_Parses()
    {
        var r = Read("mark,TIME,User,Kind\n2,1.5,\"doe, \"\"jr\"\"\",FEEDBACK\n,2,\"x\",\n", EventFileFormat.Csv);
        Assert.Equal(new EventRecord("doe, \"jr\"", new Event(1.5, EventKind.Feedback, 2), 2), r[0]);
        Assert.Equal(new EventRecord("x", new Event(2.0), 3), r[1]);
    }

    [Fact]
    public void ReadJsonLines_OptionalFieldsAbsentOrNull_UseDefaults()
    {
        var r = Read("{\"time\":1}\n{\"time\":2,\"kind\":null,\"mark\":null,\"extra\":[1]}\n", EventFileFormat.JsonLines);
        Assert.Equal(new EventRecord("u1", new Event(1.0), 1), r[0]);
        Assert.Equal(new EventRecord("u1", new Event(2.0), 2), r[1]);
    }

    [Theory]
    [InlineData("e.jsonl")]
    [InlineData("e.csv")]
    public void ReadFile_EmptyFile_HasNoEvents(string name)
    {
        string path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + name);
        File.WriteAllText(path, "");
        try { Assert.Empty(EventFiles.Read(path)); }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("e.jsonl", "{\"user\":\"a\",\"time\":1.25}\n", 1)]
    [InlineData("e.csv", "user,time\na,1.25\n", 2)]
    public void ReadFile_Utf8ByteOrderMark_IsSkipped(string name, string text, long line)
    {
        string path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + name);
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]);
        try { Assert.Equal(new EventRecord("a", new Event(1.25), line), Assert.Single(EventFiles.Read(path))); }
        finally { File.Delete(path); }
    }

    [Fact]
    public void ReadFile_ErrorMessage_NamesThePath()
    {
        string path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".jsonl");
        File.WriteAllText(path, "{\"time\":1}\n{\"time\":0.5}\n");
        try { Assert.StartsWith($"{path}:2: field 'time'", Assert.Throws<UserInputException>(() => EventFiles.Read(path).ToList()).Message); }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("a.JSONL", EventFileFormat.JsonLines)]
    [InlineData("a.ndjson", EventFileFormat.JsonLines)]
    [InlineData("a.json", EventFileFormat.JsonLines)]
    [InlineData("a.Csv", EventFileFormat.Csv)]
    public void DetectFormat_Extension_PicksFormat(string path, EventFileFormat expected) =>
        Assert.Equal(expected, EventFiles.DetectFormat(path));

    [Fact]
    public void DetectFormat_UnknownExtensionWithoutOverride_ThrowsAndOverrideWins()
    {
        Assert.Contains("--format jsonl|csv", Assert.Throws<UserInputException>(() => EventFiles.DetectFormat("a.txt")).Message);
        Assert.Equal(EventFileFormat.Csv, EventFiles.DetectFormat("a.txt", EventFileFormat.Csv));
    }

    [Fact]
    public void Read_IsLazy_StreamsWithoutReadingAhead()
    {
        // A reader that fails after the first line: taking one event must not touch the second.
        var text = "{\"time\":1}\n{broken";
        Assert.Single(EventFiles.Read(new StringReader(text), EventFileFormat.JsonLines, "f").Take(1));
    }
}
