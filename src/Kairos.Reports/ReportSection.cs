using System.Globalization;
using System.Net;
using System.Text;

namespace Kairos.Reports;

/// <summary>One section of an <see cref="HtmlReport"/>: paragraphs, tables and PNG figures in order.</summary>
public sealed class ReportSection
{
    private readonly List<Action<StringBuilder>> _blocks = new();

    internal ReportSection(string heading) => Heading = heading;

    public string Heading { get; }
    public int FigureCount { get; private set; }

    public ReportSection Paragraph(string text)
    {
        _blocks.Add(sb => sb.Append("<p>").Append(WebUtility.HtmlEncode(text)).Append("</p>\n"));
        return this;
    }

    /// <summary>A preformatted block (commands, JSON).</summary>
    public ReportSection Code(string text)
    {
        _blocks.Add(sb => sb.Append("<pre>").Append(WebUtility.HtmlEncode(text)).Append("</pre>\n"));
        return this;
    }

    public ReportSection Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var materialized = rows.Select(r => r.ToArray()).ToList();
        _blocks.Add(sb =>
        {
            sb.Append("<table><thead><tr>");
            foreach (var h in header) sb.Append("<th>").Append(WebUtility.HtmlEncode(h)).Append("</th>");
            sb.Append("</tr></thead><tbody>\n");
            foreach (var row in materialized)
            {
                sb.Append("<tr>");
                foreach (var c in row) sb.Append("<td>").Append(WebUtility.HtmlEncode(c)).Append("</td>");
                sb.Append("</tr>\n");
            }
            sb.Append("</tbody></table>\n");
        });
        return this;
    }

    /// <summary>Embeds a PNG image (e.g. from <see cref="Plots"/>) as a base64 data URI.</summary>
    public ReportSection Figure(byte[] png, string caption)
    {
        FigureCount++;
        var b64 = Convert.ToBase64String(png);
        _blocks.Add(sb => sb.Append("<figure><img alt=\"").Append(WebUtility.HtmlEncode(caption))
            .Append("\" src=\"data:image/png;base64,").Append(b64).Append("\"><figcaption>")
            .Append(WebUtility.HtmlEncode(caption)).Append("</figcaption></figure>\n"));
        return this;
    }

    internal void RenderTo(StringBuilder sb, string anchor)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<section id=\"{anchor}\"><h2>{WebUtility.HtmlEncode(Heading)}</h2>\n");
        foreach (var b in _blocks) b(sb);
        sb.Append("</section>\n");
    }
}
