using System.Globalization;
using Kairos.PointProcesses;

namespace Kairos.Data.AdLogs;

/// <summary>
/// Reads the public Criteo attribution-modeling CSV (header with at least <c>timestamp, uid, campaign, conversion,
/// conversion_timestamp, click, cost, cpo</c>; other columns such as conversion_id, attribution, click_pos, cat1..9 are
/// ignored except conversion_id). Each row is an impression: it becomes an opportunity and an action at
/// <c>timestamp</c> with the campaign as the ad (campaigns numbered 1..m in order of first appearance, named by their
/// id) and <c>cost</c> as the action's cost, with <b>no propensity</b> (the file does not say how the campaign was
/// chosen, so off-policy estimates are refused). <c>click</c> = 1 adds a click at the impression's time (the file has
/// no click time); <c>conversion</c> = 1 adds one conversion at <c>conversion_timestamp</c> with value <c>cpo</c>,
/// once per conversion_id (or per user and conversion time when that column is absent). Every user is observed over
/// the file's whole period [first time, last time]. The whole file is held in memory. A bad row is a
/// <see cref="UserInputException"/> naming file:line and field.
/// </summary>
public static class CriteoAttributionReader
{
    private static readonly string[] Required = ["timestamp", "uid", "campaign", "conversion", "conversion_timestamp", "click", "cost", "cpo"];

    public static AdLogSet Read(string path)
    {
        if (!File.Exists(path)) throw new UserInputException($"{path}: Criteo file not found.");
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    public static AdLogSet Read(TextReader reader, string source)
    {
        var rules = new EventFieldRules(source);
        var campaigns = new Dictionary<string, int>(StringComparer.Ordinal);
        var events = new Dictionary<string, List<(Event E, double? P, long Line)>>(StringComparer.Ordinal);
        var conversions = new HashSet<string>(StringComparer.Ordinal);
        Dictionary<string, int>? columns = null;
        double first = double.PositiveInfinity, last = double.NegativeInfinity;
        long lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var f = CsvEventReader.Split(line, lineNumber, rules);
            if (columns is null)
            {
                columns = f.Select((name, i) => (name.Trim().ToLowerInvariant(), i)).GroupBy(c => c.Item1).ToDictionary(g => g.Key, g => g.First().i);
                var missing = Required.Where(r => !columns.ContainsKey(r)).ToList();
                if (missing.Count > 0)
                    throw rules.Error(lineNumber, $"header: missing column(s) {string.Join(", ", missing)}; a Criteo attribution file has {string.Join(", ", Required)}, ….");
                continue;
            }
            if (f.Count < columns.Values.Max() + 1)
                throw rules.Error(lineNumber, $"expected at least {CountText.Of(columns.Values.Max() + 1, "field")} as in the header, got {f.Count}.");
            string Get(string name) => f[columns[name]].Trim();
            double Number(string name)
            {
                if (!EventFieldRules.TryParseDouble(Get(name), out double v) || !double.IsFinite(v))
                    throw rules.FieldError(lineNumber, name, $"must be a finite number, got '{Get(name)}'.");
                return v;
            }
            bool Flag(string name) => Number(name) switch
            {
                0 => false,
                1 => true,
                var v => throw rules.FieldError(lineNumber, name, $"must be 0 or 1, got {EventFieldRules.Fmt(v)}."),
            };
            string uid = Get("uid");
            if (uid.Length == 0) throw rules.FieldError(lineNumber, "uid", "must not be empty.");
            string campaign = Get("campaign");
            if (campaign.Length == 0) throw rules.FieldError(lineNumber, "campaign", "must not be empty.");
            double t = Number("timestamp");
            if (t < 0) throw rules.FieldError(lineNumber, "timestamp", $"must be >= 0, got {EventFieldRules.Fmt(t)}.");
            double cost = Number("cost");
            if (cost < 0) throw rules.FieldError(lineNumber, "cost", $"must be >= 0, got {EventFieldRules.Fmt(cost)}.");
            if (!campaigns.TryGetValue(campaign, out int ad)) campaigns[campaign] = ad = campaigns.Count + 1;
            if (!events.TryGetValue(uid, out var list)) events[uid] = list = new();
            list.Add((new Event(t, EventKind.Opportunity), null, lineNumber));
            list.Add((new Event(t, EventKind.Action, ad, cost), null, lineNumber));
            if (Flag("click")) list.Add((new Event(t, EventKind.Feedback, AdMarks.Click), null, lineNumber));
            (first, last) = (Math.Min(first, t), Math.Max(last, t));
            if (Flag("conversion"))
            {
                double ct = Number("conversion_timestamp");
                if (ct < t) throw rules.FieldError(lineNumber, "conversion_timestamp", $"{EventFieldRules.Fmt(ct)} is before the impression's timestamp {EventFieldRules.Fmt(t)}.");
                double cpo = Number("cpo");
                string key = columns.ContainsKey("conversion_id") && Get("conversion_id").Length > 0
                    ? Get("conversion_id") : uid + "\u0001" + ct.ToString("R", CultureInfo.InvariantCulture);
                if (conversions.Add(key)) list.Add((new Event(ct, EventKind.Feedback, AdMarks.Conversion, cpo), null, lineNumber));
                last = Math.Max(last, ct);
            }
        }
        if (columns is null || events.Count == 0) throw new UserInputException($"{source}: no impressions (an empty Criteo file).");
        var window = new ObservationWindow(first, last > first ? last : first + 1);
        // Conversions come after their impression in time; a stable sort keeps each opportunity right before its action.
        var users = events.Select(kv => new AdUserLog(kv.Key, window,
            kv.Value.OrderBy(x => x.E.Time).Select(x => x.E).ToList(),
            kv.Value.Where(x => x.E.Kind == EventKind.Action).Select(x => x.P).ToList())).ToList();
        var names = new AdMarkNames(AdMarks.DefaultFeedbackNames, campaigns.OrderBy(c => c.Value).Select(c => c.Key).ToArray());
        return new AdLogSet(users, names, source);
    }
}
