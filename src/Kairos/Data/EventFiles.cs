using System.Text;
using Kairos.PointProcesses;

namespace Kairos.Data;

/// <summary>Event-log files by path: format detection by extension (.jsonl/.ndjson/.json → JSON Lines, .csv →
/// CSV) with an override, streaming reads of rows (events and windows), data sets of per-user logs, and writes.</summary>
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

    /// <summary>Streams the rows of a file (constant memory); the file is opened on first enumeration.
    /// A UTF-8 byte-order mark is skipped.</summary>
    public static IEnumerable<EventFileRow> Read(string path, EventFileFormat? format = null, TimeUnit timeUnit = TimeUnit.Seconds)
    {
        var fmt = DetectFormat(path, format);
        if (!File.Exists(path)) throw new UserInputException($"{path}: event file not found.");
        return ReadCore(path, fmt, timeUnit);
    }

    private static IEnumerable<EventFileRow> ReadCore(string path, EventFileFormat format, TimeUnit timeUnit)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        foreach (var r in Read(reader, format, path, timeUnit)) yield return r;
    }

    /// <summary>Streams rows; ISO-8601 timestamps become numbers in <paramref name="timeUnit"/> since the Unix epoch.</summary>
    public static IEnumerable<EventFileRow> Read(TextReader reader, EventFileFormat format, string source, TimeUnit timeUnit = TimeUnit.Seconds) =>
        format == EventFileFormat.Csv ? CsvEventReader.Read(reader, source, timeUnit) : JsonLinesEventReader.Read(reader, source, timeUnit);

    /// <summary>Reads a whole file into a data set of user logs; see <see cref="EventDataSetBuilder"/> for the
    /// window rules and <paramref name="horizon"/>. <paramref name="user"/>, if given, keeps only that user (a
    /// <see cref="UserInputException"/> when the file has no row of it).</summary>
    public static EventDataSet ReadDataSet(string path, EventFileFormat? format = null, double? horizon = null, string? user = null,
        TimeUnit timeUnit = TimeUnit.Seconds)
    {
        var data = EventDataSetBuilder.Build(Read(path, format, timeUnit), path, horizon, user);
        if (user is not null && data.Count == 0) throw new UserInputException($"{path}: no events or window of user '{user}'.");
        return data;
    }

    /// <summary>Writes <paramref name="rows"/> to <paramref name="path"/> (UTF-8 without BOM, LF line ends).</summary>
    public static void Write(string path, IEnumerable<EventFileRow> rows, EventFileFormat? format = null)
    {
        var fmt = DetectFormat(path, format);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        EventWriter.Write(writer, fmt, rows);
    }

    /// <summary>Writes a data set: each user's window row, then its events.</summary>
    public static void Write(string path, EventDataSet data, EventFileFormat? format = null) => Write(path, data.Rows(), format);
}
