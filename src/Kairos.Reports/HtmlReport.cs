using System.Globalization;
using System.Net;
using System.Text;

namespace Kairos.Reports;

/// <summary>A self-contained HTML report: sections of text, tables and plots embedded as base64 PNGs.
/// Capabilities add sections; <see cref="Write"/> renders one file with no external resources.</summary>
public sealed class HtmlReport
{
    private readonly List<ReportSection> _sections = new();

    public HtmlReport(string title) => Title = title;

    public string Title { get; }
    public IReadOnlyList<ReportSection> Sections => _sections;

    public ReportSection AddSection(string heading)
    {
        var s = new ReportSection(heading);
        _sections.Add(s);
        return s;
    }

    public string Render()
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
          .Append(WebUtility.HtmlEncode(Title)).Append("</title>\n<style>")
          .Append("body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}")
          .Append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}")
          // A number ("0.4632 ± 0.0051") never breaks across lines; long text (a policy name) wraps anywhere, and a table
          // wider than the page scrolls in its own box instead of squeezing its numbers.
          .Append("td{white-space:nowrap}td.t{white-space:normal}td.t:first-child{overflow-wrap:anywhere;min-width:12em}div.table{overflow-x:auto}")
          .Append("th{background:#f3f3f3}td.t,th:first-child{text-align:left}img{max-width:100%;margin:0.5em 0}")
          .Append("img{height:auto}figure{display:inline-block;margin:0.5em;text-align:center;vertical-align:top}figcaption{font-size:90%;color:#555}")
          .Append("</style></head><body>\n<h1>").Append(WebUtility.HtmlEncode(Title)).Append("</h1>\n");
        if (_sections.Count > 1)
        {
            sb.Append("<nav><ul>");
            for (int i = 0; i < _sections.Count; i++)
                sb.Append(CultureInfo.InvariantCulture, $"<li><a href=\"#s{i}\">{WebUtility.HtmlEncode(_sections[i].Heading)}</a></li>");
            sb.Append("</ul></nav>\n");
        }
        for (int i = 0; i < _sections.Count; i++) _sections[i].RenderTo(sb, $"s{i}");
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    public void Write(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null) Directory.CreateDirectory(dir);
        File.WriteAllText(path, Render(), new UTF8Encoding(false));
    }
}
