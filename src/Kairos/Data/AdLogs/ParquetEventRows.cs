using Kairos.PointProcesses;
using Parquet;
using Parquet.Schema;

namespace Kairos.Data.AdLogs;

/// <summary>
/// Event-file rows in Parquet (Parquet.Net): columns user (string), time, value, propensity, start, end (nullable
/// doubles), kind (string), mark (nullable int32), one row per event or window as in the text formats. Reading
/// accepts any column order, integer or floating-point number columns and string times (ISO-8601), and ignores other
/// columns. A bad row is a <see cref="UserInputException"/> naming file:row (rows counted from 1 over all row
/// groups), with the same words as the text readers.
/// </summary>
public static class ParquetEventRows
{
    private static readonly string[] EventOnly = ["time", "mark", "value", "propensity"];
    private static readonly HashSet<string> Known = ["user", "time", "kind", "mark", "value", "propensity", "start", "end"];

    public static void Write(string path, IEnumerable<EventFileRow> rows)
    {
        var list = rows.ToList();
        var user = new DataField<string>("user");
        var time = new DataField<double?>("time");
        var kind = new DataField<string>("kind");
        var mark = new DataField<int?>("mark");
        var value = new DataField<double?>("value");
        var propensity = new DataField<double?>("propensity");
        var start = new DataField<double?>("start");
        var end = new DataField<double?>("end");
        var schema = new ParquetSchema(user, time, kind, mark, value, propensity, start, end);
        EventRecord? E(EventFileRow r) => r as EventRecord;
        WindowRecord? W(EventFileRow r) => r as WindowRecord;
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        using var stream = File.Create(path);
        Run(async () =>
        {
            await using var writer = await ParquetWriter.CreateAsync(schema, stream);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(user, list.Select(r => r.User).ToArray());
            await group.WriteAsync<double>(time, list.Select(r => E(r)?.Event.Time).ToArray());
            await group.WriteAsync(kind, list.Select(r => r is WindowRecord ? EventFieldRules.WindowKind : EventWriter.Kind(E(r)!.Event.Kind)).ToArray());
            await group.WriteAsync<int>(mark, list.Select(r => E(r)?.Event.Mark).ToArray());
            await group.WriteAsync<double>(value, list.Select(r => E(r)?.Event.Value).ToArray());
            await group.WriteAsync<double>(propensity, list.Select(r => E(r)?.Propensity).ToArray());
            await group.WriteAsync<double>(start, list.Select(r => W(r)?.Window.Start).ToArray());
            await group.WriteAsync<double>(end, list.Select(r => W(r)?.Window.End).ToArray());
        });
    }

    /// <summary>Reads every row of a Parquet file (whole row groups at a time).</summary>
    public static IReadOnlyList<EventFileRow> Read(string path, TimeUnit timeUnit = TimeUnit.Seconds)
    {
        if (!File.Exists(path)) throw new UserInputException($"{path}: log file not found.");
        var rules = new EventFieldRules(path, timeUnit);
        var rows = new List<EventFileRow>();
        long row = 0;
        ParquetCells.ForEachGroup(path, names =>
        {
            if (!names.Contains("time") && !(names.Contains("start") && names.Contains("end")))
                throw new UserInputException($"{path}: no 'time' column (columns: {string.Join(", ", names)}); an ad log has user, time, kind, mark, value, propensity.");
            return names.Where(Known.Contains);
        }, (columns, count) =>
        {
            for (int i = 0; i < count; i++) rows.Add(ParseRow(columns, i, ++row, rules));
        });
        return rows;
    }

    private static EventFileRow ParseRow(IReadOnlyDictionary<string, object?[]> c, int i, long row, EventFieldRules rules)
    {
        object? Cell(string name) => c.TryGetValue(name, out var a) ? a[i] : null;
        string? Text(string name) => Cell(name) switch
        {
            null => null,
            string s => s.Trim().Length == 0 ? null : s,
            var o => Convert.ToString(o, System.Globalization.CultureInfo.InvariantCulture),
        };
        double? Number(string name) => Cell(name) switch
        {
            null => null,
            string s when s.Trim().Length == 0 => null,
            string s => rules.TimeText(row, name, s),
            double d => d,
            float f => f,
            int n => n,
            long n => n,
            short n => n,
            sbyte n => n,
            byte n => n,
            ushort n => n,
            uint n => n,
            ulong n => n,
            decimal d => (double)d,
            var o => throw rules.FieldError(row, name, $"must be a number, got {KindOf(o)}."),
        };
        string user = Text("user") ?? EventFieldRules.DefaultUser;
        string? kindText = Text("kind");
        if (EventFieldRules.IsWindow(kindText))
        {
            foreach (var name in EventOnly)
                if (Cell(name) is not null) throw rules.FieldError(row, name, "not allowed here: a window row (kind window) has only user, start and end.");
            double start = Number("start") ?? throw rules.FieldError(row, "start", "missing; a window row needs start and end.");
            double end = Number("end") ?? throw rules.FieldError(row, "end", "missing; a window row needs start and end.");
            return new WindowRecord(user, rules.Window(row, start, end), row);
        }
        var kind = rules.Kind(row, kindText);
        foreach (var name in new[] { "start", "end" })
            if (Cell(name) is not null) throw rules.FieldError(row, name, "not allowed here: only window rows (kind window) take start and end.");
        double time = rules.Time(row, user, Number("time") ?? throw rules.FieldError(row, "time", "missing; every event needs a time."));
        int mark = Cell("mark") switch
        {
            null => 0,
            int n => n,
            long n when n is >= int.MinValue and <= int.MaxValue => (int)n,
            short n => n,
            sbyte n => n,
            byte n => n,
            ushort n => n,
            uint n when n <= int.MaxValue => (int)n,
            ulong n when n <= int.MaxValue => (int)n,
            double d when d == Math.Floor(d) && Math.Abs(d) < int.MaxValue => (int)d,
            var o => throw rules.FieldError(row, "mark", $"must be an integer, got {Convert.ToString(o, System.Globalization.CultureInfo.InvariantCulture)}."),
        };
        double? value = Number("value") is { } v ? rules.Value(row, v) : null;
        double? propensity = Number("propensity") is { } p ? rules.Propensity(row, kind, p) : null;
        return new EventRecord(user, new Event(time, kind, mark, value), row, propensity);
    }

    // Parquet.Net is async-only; the CLI and the library are synchronous. No synchronization context here.
    private static void Run(Func<Task> work) => Task.Run(work).GetAwaiter().GetResult();

    /// <summary>What a Parquet cell holds, in words (never a .NET type name).</summary>
    private static string KindOf(object value) => value switch
    {
        bool => "true/false",
        byte[] => "binary data",
        DateTime or DateTimeOffset => "a date/time column (give seconds, or ISO-8601 text)",
        System.Collections.IEnumerable => "a list",
        _ => "a value of another kind",
    };
}
