using Kairos.Data;
using Kairos.Data.AdLogs;
using Kairos.PointProcesses;
using Xunit;

namespace Kairos.Tests.Data.AdLogs;

public sealed class AdLogFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("adlogs").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static AdLogSet Sample()
    {
        var window = new ObservationWindow(0, 10);
        var a = new AdUserLog("a", window,
        [
            new Event(0.5, EventKind.Feedback, AdMarks.Visit),
            new Event(1, EventKind.Opportunity), new Event(1, EventKind.Action, 2, 0.1),
            new Event(1.01, EventKind.Feedback, AdMarks.Click),
            new Event(3, EventKind.Opportunity), new Event(3, EventKind.Action, AdMarks.None, 0),
            new Event(4.25, EventKind.Feedback, AdMarks.Conversion, 2.5),
        ], [1.0 / 6, 0.5]);
        var quiet = new AdUserLog("quiet, \"b\"", window, [], []);
        return new AdLogSet([a, quiet], AdMarkNames.Default(3));
    }

    [Theory]
    [InlineData("log.jsonl")]
    [InlineData("log.csv")]
    [InlineData("log.parquet")]
    public void Round_trips_every_field_in_every_format(string name)
    {
        string path = Path.Combine(_dir, name);
        var log = Sample();
        AdLogFiles.Write(path, log);
        var back = AdLogFiles.Read(path);
        Assert.Equal(2, back.Users.Count);
        Assert.Equal(3, back.AdCount);
        Assert.True(back.HasPropensities);
        for (int u = 0; u < 2; u++)
        {
            Assert.Equal(log.Users[u].User, back.Users[u].User);
            Assert.Equal(log.Users[u].Window, back.Users[u].Window);
            Assert.Equal(log.Users[u].Events.ToArray(), back.Users[u].Events.ToArray());
            Assert.Equal(log.Users[u].Propensities, back.Users[u].Propensities);
        }
        Assert.Equal(2.5 - 0.1, back.Users[0].Utility(), 12);
        Assert.Equal(2, back.Users[0].DecisionMark(0));
    }

    [Fact]
    public void Sidecar_names_marks_and_bounds_the_ads()
    {
        string path = Path.Combine(_dir, "log.jsonl");
        AdLogFiles.Write(path, Sample());
        File.WriteAllText(Path.Combine(_dir, "marks.json"), """{"feedback":["visit","click","conversion"],"ads":["shoes"]}""");
        var e = Assert.Throws<UserInputException>(() => AdLogFiles.Read(path));
        Assert.Contains("log.jsonl:4: field 'mark': the decision 2 is outside [0, 1]", e.Message);
        File.WriteAllText(Path.Combine(_dir, "marks.json"), """{"feedback":["view","purchase"],"ads":["a","b","c"]}""");
        e = Assert.Throws<UserInputException>(() => AdLogFiles.Read(path));
        Assert.Contains("marks.json: field 'feedback' names no 'conversion'", e.Message);
    }

    [Theory]
    [InlineData("""{"user":"a","time":1,"kind":"opportunity"}""" + "\n" + """{"user":"a","time":2,"kind":"action","mark":0,"propensity":0.5}""",
        "log.jsonl:1: the opportunity at time 1 of user 'a' is not followed by its action row")]
    [InlineData("""{"user":"a","time":1,"kind":"action","mark":1,"propensity":0.5}""", "log.jsonl:1: an action row of user 'a' at time 1 answers no opportunity")]
    [InlineData("""{"user":"a","time":1,"kind":"opportunity"}""", "log.jsonl:1: the opportunity at time 1 of user 'a' has no action row after it")]
    [InlineData("""{"user":"a","time":1,"kind":"opportunity"}""" + "\n" + """{"user":"a","time":1,"kind":"action","mark":1,"propensity":1.5}""",
        "log.jsonl:2: field 'propensity': must lie in (0, 1]")]
    [InlineData("""{"user":"a","time":1,"kind":"feedback","propensity":0.5}""", "log.jsonl:1: field 'propensity': not allowed on a feedback row")]
    [InlineData("""{"user":"a","time":1,"kind":"opportunity"}""" + "\n" + """{"user":"a","time":1,"kind":"action","mark":1,"propensity":0.5}""" + "\n" +
        """{"user":"a","time":2,"kind":"opportunity"}""" + "\n" + """{"user":"a","time":2,"kind":"action","mark":0}""",
        "log.jsonl:4: field 'propensity': missing here but given on line 2")]
    [InlineData("""{"user":"a","time":1,"kind":"opportunity"}""" + "\n" + """{"user":"a","time":1,"kind":"action","mark":-1}""",
        "log.jsonl:2: field 'mark': the decision -1 is outside")]
    public void Bad_rows_are_refused_with_file_and_line(string text, string expected)
    {
        string path = Path.Combine(_dir, "log.jsonl");
        File.WriteAllText(path, text + "\n");
        var e = Assert.Throws<UserInputException>(() => AdLogFiles.Read(path));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Csv_bad_propensity_names_the_line()
    {
        string path = Path.Combine(_dir, "log.csv");
        File.WriteAllText(path, "user,time,kind,mark,value,propensity\na,1,opportunity,,,\na,1,action,1,0.1,abc\n");
        var e = Assert.Throws<UserInputException>(() => AdLogFiles.Read(path));
        Assert.Contains("log.csv:3: field 'propensity': must be a number", e.Message);
    }

    [Fact]
    public void Parquet_bad_row_names_the_row()
    {
        string path = Path.Combine(_dir, "log.parquet");
        var rows = new EventFileRow[]
        {
            new EventRecord("a", new Event(1, EventKind.Opportunity)),
            new EventRecord("a", new Event(1, EventKind.Action, 1, 0.1), 0, 0.5),
            new EventRecord("a", new Event(0.5, EventKind.Feedback)),
        };
        ParquetEventRows.Write(path, rows);
        var e = Assert.Throws<UserInputException>(() => AdLogFiles.Read(path));
        Assert.Contains("log.parquet:3: field 'time': 0.5 is earlier than the previous time 1", e.Message);
        File.WriteAllText(path, "not parquet");
        e = Assert.Throws<UserInputException>(() => AdLogFiles.Read(path));
        Assert.Contains("log.parquet: not a readable Parquet file", e.Message);
    }

    [Fact]
    public async Task Parquet_reads_any_integer_width_and_ignores_unknown_columns_of_any_type()
    {
        string path = Path.Combine(_dir, "typed.parquet");
        var user = new Parquet.Schema.DataField<string>("user");
        var time = new Parquet.Schema.DataField<uint>("time");
        var kind = new Parquet.Schema.DataField<string>("kind");
        var mark = new Parquet.Schema.DataField<byte>("mark");
        var flag = new Parquet.Schema.DataField<bool>("seen_on_mobile");
        await using (var stream = File.Create(path))
        {
            await using var writer = await Parquet.ParquetWriter.CreateAsync(new Parquet.Schema.ParquetSchema(user, time, kind, mark, flag), stream);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(user, new[] { "u1", "u1" });
            await group.WriteAsync<uint>(time, new uint[] { 2, 5 });
            await group.WriteAsync(kind, new[] { "feedback", "feedback" });
            await group.WriteAsync<byte>(mark, new byte[] { 1, 2 });
            await group.WriteAsync<bool>(flag, new[] { true, false });
        }
        var events = ParquetEventRows.Read(path).OfType<EventRecord>().Select(r => r.Event).ToList();
        Assert.Equal([2.0, 5.0], events.Select(e => e.Time));
        Assert.Equal([1, 2], events.Select(e => e.Mark));
    }

    [Fact]
    public void A_log_without_propensities_refuses_off_policy_estimates()
    {
        var log = new AdLogSet([new AdUserLog("a", new ObservationWindow(0, 2),
            [new Event(1, EventKind.Opportunity), new Event(1, EventKind.Action, 1)], [null])], AdMarkNames.Default(1), "x.csv");
        Assert.False(log.HasPropensities);
        var e = Assert.Throws<UserInputException>(() => log.RequirePropensities("IPS"));
        Assert.StartsWith("x.csv: IPS needs the logging policy's probability", e.Message);
    }
}
