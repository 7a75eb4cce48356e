using System.Collections.Frozen;
using System.Text;

namespace Switchyard.Processor.Mapping;

/// <summary>
/// Turns a phone number as people type it into the E.164 shape Partner Central requires (<c>+</c>, a country code and
/// the national number, digits only, at most 15 digits: <c>^\+[1-9]\d{1,14}$</c>).
/// </summary>
/// <remarks>
/// A number written with <c>+</c> or the international prefix <c>00</c> keeps its country code. A number without one
/// gets the calling code of <c>country</c> (the company's country, or the configured default), after dropping the
/// national trunk prefix (<c>0</c>, or <c>1</c> in the North American plan, <c>8</c> in Russia and Kazakhstan,
/// <c>06</c> in Hungary; Italy, San Marino and the Vatican keep their leading <c>0</c>). Extensions are dropped: E.164
/// has none. When no country code is written and none can be inferred, or the result is not E.164-shaped, the number
/// is left out: Partner Central refuses the whole request over one malformed phone number, and a guessed country code
/// would put a wrong number in front of AWS.
/// </remarks>
public static class PhoneNumbers
{
    // The North American Numbering Plan: national numbers are ten digits (area code and number).
    const string NorthAmerica = "1";

    // Where the leading 0 is part of the national number, not a trunk prefix.
    static readonly FrozenSet<string> KeepLeadingZero = FrozenSet.Create(StringComparer.Ordinal, ["IT", "SM", "VA"]);

    static readonly string[] ExtensionMarkers = ["extension", "ext", "x", "#", ";", ","];

    /// <summary>
    /// The number in E.164 shape, or null when it has none: empty, letters other than an extension, no country code
    /// written and none inferable from <paramref name="country"/>, or the wrong length.
    /// </summary>
    /// <param name="number">The number as typed, e.g. <c>(415) 555-0100 ext. 12</c> or <c>+44 (0)20 7946 0958</c>.</param>
    /// <param name="country">The country to assume for numbers written without a country code: a code or a name.</param>
    public static string? ToE164(string? number, string? country)
    {
        var text = WithoutExtension(number);
        if (text is null)
            return null;

        // "+44 (0)20 ..." writes the trunk prefix that is dropped after the country code.
        text = text.Replace("(0)", "", StringComparison.Ordinal);

        var international = text.StartsWith('+');
        var digits = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
                digits.Append(c);
            else if (char.IsLetter(c))
                return null; // vanity numbers and notes are not numbers
        }

        var all = digits.ToString();
        if (!international && all.StartsWith("00", StringComparison.Ordinal))
        {
            international = true;
            all = all[2..];
        }

        if (international)
            return Shaped("+" + all);

        var home = Countries.Find(country);
        if (home?.CallingCode is not { } callingCode)
            return null;

        var national = WithoutTrunkPrefix(all, home.Alpha2, callingCode);
        if (national is null)
            return null;
        return Shaped("+" + callingCode + national);
    }

    static string? WithoutExtension(string? number)
    {
        var text = number?.Trim();
        if (string.IsNullOrEmpty(text))
            return null;

        var cut = text.Length;
        foreach (var marker in ExtensionMarkers)
        {
            // Letters left after the cut make the whole value "not a number", so a stray x in a word does no harm.
            var at = text.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
            if (at > 0 && at < cut)
                cut = at;
        }

        text = text[..cut].Trim();
        return text.Length == 0 ? null : text;
    }

    static string? WithoutTrunkPrefix(string national, string alpha2, string callingCode)
    {
        if (callingCode == NorthAmerica)
        {
            if (national.Length == 11 && national[0] == '1')
                national = national[1..];
            return national.Length == 10 ? national : null;
        }

        if (callingCode == "7" && national.Length == 11 && national[0] == '8')
            return national[1..];
        if (alpha2 == "HU" && national.StartsWith("06", StringComparison.Ordinal))
            return national[2..];
        if (national.StartsWith('0') && !KeepLeadingZero.Contains(alpha2))
            return national[1..];
        return national;
    }

    // E.164: a country code that does not start with 0, at most 15 digits in all; fewer than 7 digits is no
    // reachable number anywhere.
    static string? Shaped(string candidate)
    {
        var digitCount = candidate.Length - 1;
        if (digitCount is < 7 or > 15 || candidate[1] == '0')
            return null;
        return candidate;
    }
}
