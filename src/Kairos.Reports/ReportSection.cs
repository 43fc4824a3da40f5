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
            sb.Append("<div class=\"table\"><table><thead><tr>");
            foreach (var h in header) sb.Append("<th>").Append(WebUtility.HtmlEncode(h)).Append("</th>");
            sb.Append("</tr></thead><tbody>\n");
            bool[] text = Enumerable.Range(0, header.Count).Select(j => !materialized.All(r => j >= r.Length || IsNumeric(r[j]))).ToArray();
            foreach (var row in materialized)
            {
                sb.Append("<tr>");
                for (int j = 0; j < row.Length; j++)
                    sb.Append(j < text.Length && text[j] ? "<td class=\"t\">" : "<td>").Append(WebUtility.HtmlEncode(row[j])).Append("</td>");
                sb.Append("</tr>\n");
            }
            sb.Append("</tbody></table></div>\n");
        });
        return this;
    }

    /// <summary>Embeds a PNG image (e.g. from <see cref="Plots"/>) as a base64 data URI.</summary>
    public ReportSection Figure(byte[] png, string caption)
    {
        FigureCount++;
        var b64 = Convert.ToBase64String(png);
        // Shown at the layout size: Plots renders Plots.Scale pixels per CSS pixel.
        int width = PngWidth(png) / Plots.Scale;
        _blocks.Add(sb => sb.Append("<figure><img alt=\"").Append(WebUtility.HtmlEncode(caption))
            .Append(CultureInfo.InvariantCulture, $"\" width=\"{width}\" src=\"data:image/png;base64,").Append(b64).Append("\"><figcaption>")
            .Append(WebUtility.HtmlEncode(caption)).Append("</figcaption></figure>\n"));
        return this;
    }

    /// <summary>A cell of a numeric column: a number, possibly with a ± part, a unit after a space, or empty/n/a.</summary>
    private static bool IsNumeric(string cell)
    {
        string c = cell.Trim();
        if (c.Length == 0 || c is "n/a" or "—" or "-") return true;
        string first = c.Split([' ', '±', '%', '×'], 2)[0].Replace(",", "");
        return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
    }

    /// <summary>Width from the PNG header (IHDR, bytes 16–19, big-endian).</summary>
    private static int PngWidth(byte[] png) =>
        png.Length >= 24 ? png[16] << 24 | png[17] << 16 | png[18] << 8 | png[19] : Plots.Width * Plots.Scale;

    internal void RenderTo(StringBuilder sb, string anchor)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<section id=\"{anchor}\"><h2>{WebUtility.HtmlEncode(Heading)}</h2>\n");
        foreach (var b in _blocks) b(sb);
        sb.Append("</section>\n");
    }
}
