using System.Text;

namespace Kairos.Data.AdLogs;

/// <summary>
/// Ad-log files by path: the format from the extension (.jsonl/.ndjson/.json, .csv, .parquet), the mark names from
/// the sidecar marks.json in the same folder when there is one, and the log contract checked by
/// <see cref="AdLogBuilder"/>. Writing a log also writes its sidecar.
/// </summary>
public static class AdLogFiles
{
    public static AdLogFormat DetectFormat(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jsonl" or ".ndjson" or ".json" => AdLogFormat.JsonLines,
        ".csv" => AdLogFormat.Csv,
        ".parquet" => AdLogFormat.Parquet,
        var ext => throw new UserInputException(
            $"{path}: cannot tell the log format from the extension '{ext}'; use .jsonl, .csv or .parquet."),
    };

    /// <summary>Reads a log; every problem is a <see cref="UserInputException"/> naming file:line (file:row for Parquet).</summary>
    public static AdLogSet Read(string path, TimeUnit timeUnit = TimeUnit.Seconds)
    {
        var format = DetectFormat(path);
        if (Directory.Exists(path)) throw new UserInputException($"{path}: is a folder, not a log file.");
        if (!File.Exists(path)) throw new UserInputException($"{path}: log file not found.");
        string sidecar = AdMarkNames.SidecarOf(path);
        var names = File.Exists(sidecar) ? AdMarkNames.Read(sidecar) : null;
        IEnumerable<EventFileRow> rows = format == AdLogFormat.Parquet
            ? ParquetEventRows.Read(path, timeUnit)
            : EventFiles.Read(path, format == AdLogFormat.Csv ? EventFileFormat.Csv : EventFileFormat.JsonLines, timeUnit).ToList();
        return AdLogBuilder.Build(rows, path, names);
    }

    /// <summary>Writes <paramref name="log"/> to <paramref name="path"/> in the format of its extension, and its mark
    /// names to marks.json beside it.</summary>
    public static void Write(string path, AdLogSet log)
    {
        var format = DetectFormat(path);
        var rows = AdLogRows.Of(log);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        if (format == AdLogFormat.Parquet) ParquetEventRows.Write(path, rows);
        else
        {
            using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
            if (format == AdLogFormat.Csv) AdLogCsvWriter.Write(writer, rows);
            else EventWriter.Write(writer, EventFileFormat.JsonLines, rows);
        }
        log.Names.Write(AdMarkNames.SidecarOf(path));
    }
}
