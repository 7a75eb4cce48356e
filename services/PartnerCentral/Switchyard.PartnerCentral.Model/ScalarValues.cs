using System.Text;

namespace Switchyard.PartnerCentral.Model;

/// <summary>
/// Lengths as AWS counts them: in Unicode scalar values (code points), not UTF-16 code units.
/// </summary>
/// <remarks>
/// Smithy's <c>@length</c> trait counts a string's Unicode scalar values (smithy.io, "Constraint traits", length
/// trait), and the Partner Central model states its text limits as Java patterns such as <c>(?s).{20,2000}</c>, where
/// <c>.</c> matches one code point. Both count an emoji such as U+1F600 once, where <see cref="string.Length"/> counts
/// it twice, and count each code point of a sequence a reader sees as one character (a flag, a family emoji, a letter
/// with combining accents). An unpaired surrogate counts once, as Java's regex engine counts it.
/// </remarks>
public static class ScalarValues
{
    /// <summary>The number of Unicode scalar values in <paramref name="text"/>.</summary>
    public static int Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            count++;
        }

        return count;
    }

    /// <summary>
    /// The UTF-16 index just after the first <paramref name="count"/> scalar values of <paramref name="text"/> (its
    /// length when it has fewer).
    /// </summary>
    public static int IndexAfter(string text, int count)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var i = 0;
        for (var seen = 0; seen < count && i < text.Length; seen++)
            i += char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
        return i;
    }

    /// <summary>
    /// <paramref name="text"/> with every unpaired surrogate replaced by U+FFFD: what a JSON writer would send for it,
    /// and a value every UTF-8 reader accepts.
    /// </summary>
    public static string WithoutLoneSurrogates(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? fixedText = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                fixedText?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                fixedText ??= new StringBuilder(text, 0, i, text.Length);
                fixedText.Append('\uFFFD');
            }
            else
                fixedText?.Append(c);
        }

        return fixedText?.ToString() ?? text;
    }
}
