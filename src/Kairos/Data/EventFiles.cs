using System.Text;
using Kairos.PointProcesses;

namespace Kairos.Data;

/// <summary>Event-log files by path: format detection by extension (.jsonl/.ndjson/.json → JSON Lines, .csv →
/// CSV) with an override, streaming reads, grouping into per-user <see cref="History"/> objects, and writes.</summary>
public static class EventFiles
{
    /// <summary>The format of <paramref name="path"/>: <paramref name="overrideFormat"/> if given, else by extension.
    /// Unknown extensions are a <see cref="UserInputException"/>.</summary>
    public static EventFileFormat DetectFormat(string path, EventFileFormat? overrideFormat = null)
    {
        if (overrideFormat is { } f) return f;
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jsonl" or ".ndjson" or ".json" => EventFileFormat.JsonLines,
            ".csv" => EventFileFormat.Csv,
            var ext => throw new UserInputException(
                $"{path}: cannot tell the event-file format from the extension '{ext}'; use .jsonl, .ndjson, .json " +
                "or .csv, or pass the format explicitly (--format jsonl|csv)."),
        };
    }

    /// <summary>Parses a format name: jsonl | ndjson | json | csv (case-insensitive).</summary>
    public static EventFileFormat ParseFormat(string name) => name.Trim().ToLowerInvariant() switch
    {
        "jsonl" or "ndjson" or "json" or "jsonlines" => EventFileFormat.JsonLines,
        "csv" => EventFileFormat.Csv,
        _ => throw new UserInputException($"unknown event-file format '{name}'; allowed: jsonl, csv."),
    };

    /// <summary>Streams the events of a file (constant memory); the file is opened on first enumeration.
    /// A UTF-8 byte-order mark is skipped.</summary>
    public static IEnumerable<EventRecord> Read(string path, EventFileFormat? format = null)
    {
        var fmt = DetectFormat(path, format);
        if (!File.Exists(path)) throw new UserInputException($"{path}: event file not found.");
        return ReadCore(path, fmt);
    }

    private static IEnumerable<EventRecord> ReadCore(string path, EventFileFormat format)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        foreach (var r in Read(reader, format, path)) yield return r;
    }

    public static IEnumerable<EventRecord> Read(TextReader reader, EventFileFormat format, string source) =>
        format == EventFileFormat.Csv ? CsvEventReader.Read(reader, source) : JsonLinesEventReader.Read(reader, source);

    /// <summary>Groups events by user, in order of each user's first appearance.</summary>
    public static IReadOnlyList<History> GroupByUser(IEnumerable<EventRecord> events)
    {
        var byUser = new Dictionary<string, History>(StringComparer.Ordinal);
        var order = new List<History>();
        foreach (var r in events)
        {
            if (!byUser.TryGetValue(r.User, out var h))
            {
                h = new History(r.User);
                byUser.Add(r.User, h);
                order.Add(h);
            }
            h.Add(r.Event);
        }
        return order;
    }

    public static IReadOnlyList<History> ReadHistories(string path, EventFileFormat? format = null) =>
        GroupByUser(Read(path, format));

    /// <summary>Writes <paramref name="events"/> to <paramref name="path"/> (UTF-8 without BOM, LF line ends).</summary>
    public static void Write(string path, IEnumerable<EventRecord> events, EventFileFormat? format = null)
    {
        var fmt = DetectFormat(path, format);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        EventWriter.Write(writer, fmt, events);
    }

    /// <summary>The records of some histories, user by user, for writing.</summary>
    public static IEnumerable<EventRecord> Records(IEnumerable<History> histories) =>
        histories.SelectMany(h => h.Select(e => new EventRecord(h.User, e)));
}
