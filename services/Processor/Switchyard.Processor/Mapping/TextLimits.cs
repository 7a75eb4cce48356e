using System.Globalization;
using System.Text;

namespace Switchyard.Processor.Mapping;

/// <summary>Cleans free text from HubSpot and fits it into Partner Central's length limits.</summary>
public static class TextLimits
{
    /// <summary>What a shortened text ends with, so that readers can tell it was cut.</summary>
    public const string Ellipsis = "…";

    /// <summary>
    /// The value trimmed, with control characters removed (line breaks and tabs become spaces unless
    /// <paramref name="keepLineBreaks"/>), or null when nothing remains.
    /// </summary>
    public static string? Clean(string? value, bool keepLineBreaks = false)
    {
        if (value is null)
            return null;

        var clean = new StringBuilder(value.Length);
        foreach (var c in value.ReplaceLineEndings("\n"))
        {
            if (c == '\n' && keepLineBreaks)
                clean.Append(c);
            else if (c is '\n' or '\t')
                clean.Append(' ');
            else if (!char.IsControl(c))
                clean.Append(c);
        }

        var text = clean.ToString().Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>
    /// The value cleaned (see <see cref="Clean"/>) and cut to at most <paramref name="max"/> characters, or null when
    /// nothing remains.
    /// </summary>
    public static string? Fit(string? value, int max, bool keepLineBreaks = false) =>
        Clean(value, keepLineBreaks) is { } clean ? Truncate(clean, max) : null;

    /// <summary>
    /// The value when it has at most <paramref name="max"/> characters; otherwise its beginning followed by
    /// <paramref name="marker"/>, at most <paramref name="max"/> characters in all.
    /// </summary>
    /// <remarks>
    /// The cut falls between text elements (what a reader sees as one character), so it never splits a surrogate
    /// pair, an emoji sequence or a letter from its accents. An element longer than the room left (only seen in
    /// abuse) is cut between code points instead, still never inside a surrogate pair.
    /// </remarks>
    public static string Truncate(string value, int max, string marker = "")
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(marker);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        if (value.Length <= max)
            return value;

        if (marker.Length > max)
            marker = "";
        var room = max - marker.Length;

        var end = 0;
        while (end < value.Length)
        {
            var next = end + StringInfo.GetNextTextElementLength(value, end);
            if (next > room)
                break;
            end = next;
        }

        if (end == 0 && room > 0)
            end = char.IsHighSurrogate(value[room - 1]) ? room - 1 : room;

        return value[..end].TrimEnd() + marker;
    }
}
