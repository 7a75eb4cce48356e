using System.Collections.Frozen;
using System.Net;
using System.Text;

namespace Switchyard.Processor.Mapping;

/// <summary>Turns a HubSpot note's HTML body into Partner Central's plain-text <c>LifeCycle.NextSteps</c>.</summary>
public static class NextStepsText
{
    // Elements that start a new line of text; everything else (span, b, a, ...) just disappears around its text.
    static readonly FrozenSet<string> LineBreaking = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
    [
        "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "fieldset",
        "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
        "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
    ]);

    // Table cells sit side by side; a space keeps their texts apart.
    static readonly FrozenSet<string> Spacing = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, ["td", "th"]);

    // Elements whose content is not text for a reader.
    static readonly FrozenSet<string> Skipped = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        ["script", "style", "head", "title", "template", "noscript"]);

    /// <summary>
    /// The note as plain text within Partner Central's limit (see <see cref="PartnerCentralLimits.NextSteps"/>): cut
    /// text ends with <see cref="TextLimits.Ellipsis"/>. Null when the note has no text.
    /// </summary>
    public static string? FromNoteHtml(string? html) => Fit(ToPlainText(html));

    /// <summary>
    /// Text for <c>LifeCycle.NextSteps</c>, cleaned and within Partner Central's limit, cut text ending with
    /// <see cref="TextLimits.Ellipsis"/>. Null when nothing remains.
    /// </summary>
    public static string? Fit(string? text) =>
        TextLimits.Clean(text, keepLineBreaks: true) is { } clean
            ? TextLimits.Truncate(clean, PartnerCentralLimits.NextSteps, TextLimits.Ellipsis)
            : null;

    /// <summary>
    /// The text of an HTML fragment: tags removed, entities decoded, block elements on lines of their own (list items
    /// starting with <c>- </c>), runs of whitespace as one space, no empty lines. Null when there is no text.
    /// </summary>
    public static string? ToPlainText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
            return null;

        var text = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c != '<')
            {
                text.Append(c);
                i++;
                continue;
            }

            if (string.CompareOrdinal(html, i, "<!--", 0, 4) == 0)
            {
                var close = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                i = close < 0 ? html.Length : close + 3;
                continue;
            }

            if (!TryReadTag(html, i, out var name, out var closing, out var end))
            {
                // A '<' that starts no tag ("a < b") is text.
                text.Append(c);
                i++;
                continue;
            }

            i = end;
            if (name.Length == 0)
                continue; // <!DOCTYPE ...>, <?xml ...?>

            if (!closing && Skipped.Contains(name))
            {
                i = SkipElement(html, i, name);
                continue;
            }

            if (LineBreaking.Contains(name))
                text.Append(!closing && name.Equals("li", StringComparison.OrdinalIgnoreCase) ? "\n- " : "\n");
            else if (Spacing.Contains(name))
                text.Append(' ');
        }

        return Collapse(WebUtility.HtmlDecode(text.ToString()));
    }

    // Reads the tag starting at html[start] == '<'. A declaration or processing instruction reads as a tag without
    // a name. False when no tag starts there or it never ends.
    static bool TryReadTag(string html, int start, out string name, out bool closing, out int end)
    {
        name = "";
        closing = false;
        end = start;

        var i = start + 1;
        if (i >= html.Length)
            return false;

        if (html[i] is '!' or '?')
        {
            var close = html.IndexOf('>', i);
            if (close < 0)
                return false;
            end = close + 1;
            return true;
        }

        if (html[i] == '/')
        {
            closing = true;
            i++;
        }

        var nameStart = i;
        while (i < html.Length && (char.IsAsciiLetterOrDigit(html[i]) || html[i] is '-' or ':'))
            i++;
        if (i == nameStart || !char.IsAsciiLetter(html[nameStart]))
            return false;
        name = html[nameStart..i];

        // Attributes may quote a '>'.
        char? quote = null;
        for (; i < html.Length; i++)
        {
            var c = html[i];
            if (quote is { } q)
            {
                if (c == q)
                    quote = null;
            }
            else if (c is '"' or '\'')
                quote = c;
            else if (c == '>')
            {
                end = i + 1;
                return true;
            }
        }

        return false;
    }

    // Past the element's closing tag, or the end of the HTML when it has none.
    static int SkipElement(string html, int from, string name)
    {
        var closing = "</" + name;
        var at = html.IndexOf(closing, from, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
            return html.Length;
        var close = html.IndexOf('>', at);
        return close < 0 ? html.Length : close + 1;
    }

    static string? Collapse(string text)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var rawLine in text.ReplaceLineEndings("\n").Split('\n'))
        {
            line.Clear();
            var pendingSpace = false;
            foreach (var c in rawLine)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c))
                {
                    pendingSpace = line.Length > 0;
                    continue;
                }

                if (pendingSpace)
                    line.Append(' ');
                pendingSpace = false;
                line.Append(c);
            }

            // A list item with no text leaves only its dash.
            if (line.Length > 0 && line.ToString() != "-")
                lines.Add(line.ToString());
        }

        return lines.Count == 0 ? null : string.Join('\n', lines);
    }
}
