namespace Kairos.Data.AdLogs;

/// <summary>Ad-log file formats: JSON Lines (.jsonl, .ndjson, .json), CSV (.csv) or Parquet (.parquet); all carry the
/// columns user, time, kind, mark, value, propensity (and start, end on window rows).</summary>
public enum AdLogFormat
{
    JsonLines,
    Csv,
    Parquet,
}
