using System.Globalization;
using System.Text;
using Switchyard.PartnerCentral.Model;

namespace Switchyard.Processor.Mapping;

/// <summary>Cleans free text from HubSpot and fits it into Partner Central's length limits.</summary>
/// <remarks>
/// Lengths are counted as AWS counts them: in Unicode scalar values (see <see cref="ScalarValues"/>), so an emoji
/// counts once, not twice as in <see cref="string.Length"/>, and each code point of a combined sequence counts. Cuts
/// fall between text elements (what a reader sees as one character).
/// </remarks>
public static class TextLimits
{
    /// <summary>What a shortened text ends with, so that readers can tell it was cut.</summary>
    public const string Ellipsis = "…";

    /// <summary>The length of <paramref name="value"/> as Partner Central counts it: its Unicode scalar values.</summary>
    public static int Length(string value) => ScalarValues.Count(value);

    /// <summary>
    /// The value trimmed, with control characters removed (line breaks and tabs become spaces unless
    /// <paramref name="keepLineBreaks"/>) and unpaired surrogates replaced by U+FFFD, or null when nothing remains.
    /// </summary>
    public static string? Clean(string? value, bool keepLineBreaks = false)
    {
        if (value is null)
            return null;

        var clean = new StringBuilder(value.Length);
        foreach (var c in ScalarValues.WithoutLoneSurrogates(value).ReplaceLineEndings("\n"))
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
    /// The value when it has at most <paramref name="max"/> characters (Unicode scalar values); otherwise its
    /// beginning followed by <paramref name="marker"/>, at most <paramref name="max"/> characters in all.
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
        if (Length(value) <= max)
            return value;

        if (Length(marker) > max)
            marker = "";
        var room = max - Length(marker);

        var end = 0;
        var used = 0;
        while (end < value.Length)
        {
            var element = StringInfo.GetNextTextElementLength(value, end);
            var scalars = ScalarValues.Count(value.Substring(end, element));
            if (used + scalars > room)
                break;
            used += scalars;
            end += element;
        }

        if (end == 0 && room > 0)
            end = ScalarValues.IndexAfter(value, room);

        return value[..end].TrimEnd() + marker;
    }
}
