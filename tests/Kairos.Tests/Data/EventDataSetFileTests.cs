using Kairos.Data;
using Kairos.PointProcesses;

namespace Kairos.Tests.Data;

/// <summary>Event files with ids, values, context vectors, per-user windows and users without events.</summary>
public class EventDataSetFileTests
{
    private static EventDataSet Build(string text, EventFileFormat format, double? horizon = null, string? user = null) =>
        EventDataSetBuilder.Build(EventFiles.Read(new StringReader(text), format, "f.txt"), "f.txt", horizon, user);

    private static string ErrorOf(string text, EventFileFormat format, double? horizon = null, string? user = null) =>
        Assert.Throws<UserInputException>(() => Build(text, format, horizon, user)).Message;

    private static readonly EventDataSet Sample = new(
    [
        new UserLog("ann", new ObservationWindow(1.7e9, 1.7e9 + 86_400.25), new History(
        [
            new Event(1.7e9 + 0.1, EventKind.Opportunity, 0, null, "req-1", [0.25, -1e-300, 3e300]),
            new Event(1.7e9 + 0.1, EventKind.Action, 2, 1.0 / 3, "a,\"b\""),
            new Event(1.7e9 + 9, EventKind.Feedback, 2, 0, null, [Math.PI]),
        ], "ann")),
        new UserLog("bob, \"jr\"", new ObservationWindow(0, 500), new History([], "bob, \"jr\"")),
        new UserLog("é", new ObservationWindow(3, 4), new History([new Event(4, Id: "x"), new Event(4)], "é")),
    ], WindowSource.PerUser);

    [Theory]
    [InlineData(EventFileFormat.JsonLines)]
    [InlineData(EventFileFormat.Csv)]
    public void WriteThenRead_IdsValuesContextsWindowsAndEmptyUsers_RoundTripBitIdentically(EventFileFormat format)
    {
        var text = new StringWriter();
        EventWriter.Write(text, format, Sample.Rows());
        var back = Build(text.ToString(), format);

        Assert.Equal(WindowSource.PerUser, back.WindowSource);
        Assert.Equal(Sample.Select(u => u.User), back.Select(u => u.User));
        for (int u = 0; u < Sample.Count; u++)
        {
            Assert.Equal(Sample[u].Window, back[u].Window);
            Assert.Equal(Sample[u].Events.Count, back[u].Events.Count);
            for (int i = 0; i < Sample[u].Events.Count; i++)
            {
                Event want = Sample[u].Events[i], got = back[u].Events[i];
                Assert.Equal(Bits(want.Time), Bits(got.Time));
                Assert.Equal((want.Kind, want.Mark, want.Id), (got.Kind, got.Mark, got.Id));
                Assert.Equal(want.Value is { } v ? Bits(v) : null, got.Value is { } w ? Bits(w) : null);
                Assert.Equal(want.Context?.Select(Bits), got.Context?.Select(Bits));
            }
        }
        var again = new StringWriter();
        EventWriter.Write(again, format, back.Rows());
        Assert.Equal(text.ToString(), again.ToString());
    }

    private static long? Bits(double v) => BitConverter.DoubleToInt64Bits(v);

    [Fact]
    public void Write_WindowRows_HaveTheDocumentedShape()
    {
        var data = EventDataSet.OnWindow([("u1", []), ("u2", [1.5])], new ObservationWindow(0, 500));
        var json = new StringWriter();
        EventWriter.Write(json, EventFileFormat.JsonLines, data.Rows());
        Assert.Equal("{\"user\":\"u1\",\"kind\":\"window\",\"start\":0,\"end\":500}\n" +
                     "{\"user\":\"u2\",\"kind\":\"window\",\"start\":0,\"end\":500}\n" +
                     "{\"user\":\"u2\",\"time\":1.5,\"kind\":\"action\",\"mark\":0}\n", json.ToString());
        var csv = new StringWriter();
        EventWriter.Write(csv, EventFileFormat.Csv, data.Rows());
        Assert.Equal("user,time,kind,mark,value,id,context,start,end\nu1,,window,,,,,0,500\nu2,,window,,,,,0,500\n" +
                     "u2,1.5,action,0,,,,,\n", csv.ToString());
    }

    [Fact]
    public void Read_MinimalCsvWithWindowColumnsOnly_KeepsUsersWithoutEvents()
    {
        var data = Build("user,kind,start,end\na,window,0,10\nb,window,2.5,7\n", EventFileFormat.Csv);
        Assert.Equal([new ObservationWindow(0, 10), new ObservationWindow(2.5, 7)], data.Select(u => u.Window));
        Assert.All(data, u => Assert.Empty(u.Events));
        Assert.Equal([10.0, 4.5], data.Durations);
    }

    [Fact]
    public void Read_WindowAfterEvents_AppliesToThem_AndRelativeTimesStartAtTheWindow()
    {
        var data = Build("{\"user\":\"a\",\"time\":12,\"kind\":\"feedback\"}\n{\"user\":\"a\",\"time\":15}\n" +
                         "{\"user\":\"a\",\"kind\":\"WINDOW\",\"start\":10,\"end\":20}\n", EventFileFormat.JsonLines);
        Assert.Equal([2.0, 5.0], data[0].RelativeTimes());
        Assert.Equal([5.0], data[0].RelativeTimes([EventKind.Action]));
        Assert.Equal([10.0], data.Durations);
    }

    [Fact]
    public void Read_NoWindowRows_EveryUserOnZeroToHorizonOrToTheLastEvent()
    {
        const string text = "user,time\na,1\nb,4\na,2\n";
        var byLast = Build(text, EventFileFormat.Csv);
        Assert.Equal(WindowSource.LastEvent, byLast.WindowSource);
        Assert.All(byLast, u => Assert.Equal(new ObservationWindow(0, 4), u.Window));
        var byHorizon = Build(text, EventFileFormat.Csv, horizon: 9);
        Assert.Equal(WindowSource.Horizon, byHorizon.WindowSource);
        Assert.All(byHorizon, u => Assert.Equal(new ObservationWindow(0, 9), u.Window));
    }

    [Fact]
    public void Read_OneUserOfAFileWithWindows_StillNeedsItsWindow()
    {
        const string text = "{\"user\":\"a\",\"kind\":\"window\",\"start\":0,\"end\":5}\n{\"user\":\"b\",\"time\":1}\n";
        Assert.Equal(new ObservationWindow(0, 5), Assert.Single(Build(text, EventFileFormat.JsonLines, user: "a")).Window);
        Assert.StartsWith("f.txt:2: user 'b' has events but no window row", ErrorOf(text, EventFileFormat.JsonLines, user: "b"));
    }

    public static TheoryData<EventFileFormat, string, double?, string> Malformed() => new()
    {
        { EventFileFormat.JsonLines, "{\"kind\":\"window\",\"start\":0}", null, "f.txt:1: field 'end': missing; a window row needs start and end" },
        { EventFileFormat.JsonLines, "{\"kind\":\"window\",\"start\":5,\"end\":5}", null, "f.txt:1: field 'end': must be > start 5, got 5" },
        { EventFileFormat.JsonLines, "{\"kind\":\"window\",\"start\":-1,\"end\":5}", null, "f.txt:1: field 'start': must be >= 0, got -1" },
        { EventFileFormat.JsonLines, "{\"kind\":\"window\",\"start\":0,\"end\":\"Infinity\"}", null, "f.txt:1: field 'end': must be a finite number, got Infinity" },
        { EventFileFormat.JsonLines, "{\"kind\":\"window\",\"start\":0,\"end\":5,\"time\":1}", null, "f.txt:1: field 'time': not allowed here: a window row" },
        { EventFileFormat.JsonLines, "{\"time\":1,\"end\":5}", null, "f.txt:1: field 'end': not allowed here: only window rows" },
        { EventFileFormat.JsonLines, "{\"time\":1,\"kind\":\"windw\"}", null, "f.txt:1: field 'kind': unknown kind 'windw' (did you mean 'window'?); allowed: action, feedback, opportunity, window" },
        { EventFileFormat.JsonLines, "{\"time\":1,\"context\":0.5}", null, "f.txt:1: field 'context': must be an array of numbers" },
        { EventFileFormat.JsonLines, "{\"time\":1,\"context\":[1,\"2\"]}", null, "f.txt:1: field 'context': element 2 must be a number, got \"2\"" },
        { EventFileFormat.JsonLines, "{\"time\":1,\"context\":[1e400]}", null, "f.txt:1: field 'context': element 1 must be a finite number, got Infinity" },
        { EventFileFormat.JsonLines, "{\"time\":1,\"id\":\"\"}", null, "f.txt:1: field 'id': must not be empty" },
        { EventFileFormat.JsonLines, "{\"time\":1,\"id\":{}}", null, "f.txt:1: field 'id': must be a string, got {}" },
        { EventFileFormat.JsonLines, "{\"time\":1,\"value\":\"NaN\"}", null, "f.txt:1: field 'value': must be a finite number, got NaN" },
        { EventFileFormat.Csv, "time,context\n1,0.5;x", null, "f.txt:2: field 'context': element 2 must be a number, got 'x'" },
        { EventFileFormat.Csv, "time,context\n1,0.5;;2", null, "f.txt:2: field 'context': element 2 must be a number, got ''" },
        { EventFileFormat.Csv, "time,context\n1,NaN", null, "f.txt:2: field 'context': element 1 must be a finite number, got NaN" },
        { EventFileFormat.Csv, "user,time,kind,mark,start,end\na,,window,3,0,5", null, "f.txt:2: field 'mark': not allowed here: a window row" },
        { EventFileFormat.Csv, "user,time,kind,start,end\na,,window,0,", null, "f.txt:2: field 'end': missing" },
        { EventFileFormat.Csv, "user,time,kind,start,end\na,,window,0,1e400", null, "f.txt:2: field 'end': must be a finite number, got Infinity" },
        { EventFileFormat.Csv, "user,time,kind,start,end\na,,window,zero,5", null, "f.txt:2: field 'start': must be a number or an ISO-8601 timestamp (e.g. 2024-05-01T12:30:00Z), got 'zero'" },
        { EventFileFormat.Csv, "user,time,kind,start,end\na,1,action,0,5", null, "f.txt:2: field 'start': not allowed here: only window rows" },
        { EventFileFormat.Csv, "user,time,kind,start,end\na,,window,0,5\nb,,window,0,5\na,,window,1,6", null,
            "f.txt:4: a second window row for user 'a' (the first is on line 2)" },
        { EventFileFormat.Csv, "user,time,kind,start,end\na,,window,2,5\na,1,action,,", null,
            "f.txt:3: field 'time': 1 lies outside the window [2, 5] of user 'a' (line 2)" },
        { EventFileFormat.JsonLines, "{\"user\":\"a\",\"time\":7}\n{\"user\":\"a\",\"kind\":\"window\",\"start\":0,\"end\":5}", null,
            "f.txt:1: field 'time': 7 lies outside the window [0, 5] of user 'a' (line 2)" },
        { EventFileFormat.JsonLines, "{\"user\":\"a\",\"kind\":\"window\",\"start\":0,\"end\":5}\n{\"user\":\"b\",\"time\":1}", null,
            "f.txt:2: user 'b' has events but no window row, while the file gives windows for other users (first on line 1)" },
        { EventFileFormat.JsonLines, "{\"user\":\"a\",\"kind\":\"window\",\"start\":0,\"end\":5}", 6.0,
            "f.txt:1: the window [0, 5] of user 'a' does not end at the horizon 6" },
        { EventFileFormat.JsonLines, "{\"time\":0}", null, "f.txt: every event is at time 0 and the file has no window rows" },
        { EventFileFormat.Csv, "user,time\na,1\na,7", 5.0, "f.txt:3: field 'time': 7 is after the horizon 5" },
    };

    [Theory, MemberData(nameof(Malformed))]
    public void Read_BadWindowsContextsIds_ThrowNamingFileLineAndField(EventFileFormat format, string text, double? horizon, string expected) =>
        Assert.StartsWith(expected, ErrorOf(text, format, horizon));

    [Fact]
    public void Read_EmptyContext_IsNoContextInBothFormats()
    {
        var json = EventFiles.Read(new StringReader("{\"time\":1,\"context\":[]}"), EventFileFormat.JsonLines, "f").Cast<EventRecord>().Single();
        var csv = EventFiles.Read(new StringReader("time,context\n1,\n"), EventFileFormat.Csv, "f").Cast<EventRecord>().Single();
        Assert.Null(json.Event.Context);
        Assert.Null(csv.Event.Context);
    }

    [Fact]
    public void UserLog_EventOutsideWindow_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new UserLog("a", new ObservationWindow(1, 2), new History([new Event(0.5)])));

    [Fact]
    public void ObservationWindow_EmptyOrNegative_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ObservationWindow(2, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ObservationWindow(-1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ObservationWindow(0, double.PositiveInfinity));
    }

    [Fact]
    public void DataSet_DuplicateUser_IsRefused() =>
        Assert.Throws<ArgumentException>(() => EventDataSet.OnWindow([("a", []), ("a", [])], new ObservationWindow(0, 1)));
}
