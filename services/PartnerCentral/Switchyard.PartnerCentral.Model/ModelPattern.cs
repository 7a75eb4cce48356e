using System.Text;
using System.Text.RegularExpressions;

namespace Switchyard.PartnerCentral.Model;

/// <summary>
/// A pattern of the model, matched the way AWS's service matches it: as a Java regular expression over code points,
/// against the whole value.
/// </summary>
/// <remarks>
/// <para>
/// The model's patterns are written for Java's <c>java.util.regex</c>, which AWS's services run: its <c>.</c>
/// matches one code point (an emoji is one match, not two), <c>\w</c> and <c>\d</c> are ASCII only, and <c>$</c>
/// also matches before a final line terminator. .NET's engine matches UTF-16 code units and has Unicode
/// <c>\w</c> and <c>\d</c>, so the pattern is translated: <c>.</c> becomes "a surrogate pair, or one code unit"
/// (atomic, so a pair is never split and never counted twice), shorthand classes become their ASCII sets, <c>^</c> and
/// <c>$</c> become Java's. Whole-value matching follows from the model's own patterns: <c>(?s).{0,255}</c> would
/// constrain nothing if a match anywhere in the value counted, and AWS's API reference presents these patterns as
/// length constraints.
/// </para>
/// <para>
/// One difference remains: a character class (<c>[\p{L}...]</c>) matches one UTF-16 code unit, so a letter outside
/// the Basic Multilingual Plane (e.g. U+1D49C) inside a class does not match, where Java would match it. Only the
/// model's tag patterns put Unicode categories in a class, and Switchyard sends no tags. Constructs the model does not
/// use and .NET would read differently (inline flags after the start, <c>\Q...\E</c>, class unions and
/// intersections) are refused when the model is loaded, so a newer model cannot be misread silently.
/// </para>
/// </remarks>
public sealed class ModelPattern
{
    const string SurrogatePair = @"[\uD800-\uDBFF][\uDC00-\uDFFF]";
    const string JavaWordClass = "a-zA-Z0-9_";
    const string JavaSpaceClass = @" \t\n\x0B\f\r";
    const string LineTerminators = @"\n\r\u0085\u2028\u2029";

    // Generous for a loaded machine, and still a bound: the model's website pattern nests lazy quantifiers.
    static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    readonly Regex _regex;

    /// <summary>Translates <paramref name="javaPattern"/>.</summary>
    /// <exception cref="NotSupportedException">The pattern uses a construct this translation does not handle.</exception>
    public ModelPattern(string javaPattern)
    {
        ArgumentNullException.ThrowIfNull(javaPattern);
        Source = javaPattern;
        Translated = @"\A(?:" + Translate(javaPattern) + @")\z";
        try
        {
            _regex = new Regex(Translated, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new NotSupportedException($"The pattern '{javaPattern}' does not translate to .NET: {e.Message}", e);
        }
    }

    /// <summary>The pattern as the model writes it.</summary>
    public string Source { get; }

    /// <summary>The .NET pattern it was translated to.</summary>
    public string Translated { get; }

    /// <summary>
    /// Whether the whole of <paramref name="value"/> matches. A match that runs out of time counts as no match: AWS
    /// would not accept a value it cannot check either.
    /// </summary>
    public bool IsMatch(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        try
        {
            return _regex.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Source;

    static string Translate(string pattern)
    {
        var dotAll = false;
        var i = 0;
        if (pattern.StartsWith("(?s)", StringComparison.Ordinal))
        {
            dotAll = true;
            i = 4;
        }

        var net = new StringBuilder(pattern.Length * 2);
        while (i < pattern.Length)
        {
            var c = pattern[i];
            switch (c)
            {
                case '\\':
                    i = Escape(pattern, i, net);
                    break;
                case '[':
                    i = CharacterClass(pattern, i, net);
                    break;
                case '.':
                    net.Append(AnyCodePoint(dotAll ? @"[\s\S]" : $"[^{LineTerminators}]"));
                    i++;
                    break;
                case '^':
                    net.Append(@"\A");
                    i++;
                    break;
                case '$':
                    // Java's $ without MULTILINE: the end, or just before a line terminator that ends the input.
                    net.Append(@"(?=(?:\r\n|[" + LineTerminators + @"])?\z)");
                    i++;
                    break;
                case '(' when i + 2 < pattern.Length && pattern[i + 1] == '?' && !IsGroupKind(pattern, i + 2):
                    throw Unsupported(pattern, "inline flags other than a leading (?s)");
                default:
                    net.Append(c);
                    i++;
                    break;
            }
        }

        return net.ToString();
    }

    // (?: (?= (?! (?<= (?<! (?> and named groups read the same in both engines.
    static bool IsGroupKind(string pattern, int at) =>
        pattern[at] is ':' or '=' or '!' or '>' or '<';

    static string AnyCodePoint(string oneUnit) => $"(?>{SurrogatePair}|{oneUnit})";

    static int Escape(string pattern, int at, StringBuilder net)
    {
        if (at + 1 >= pattern.Length)
            throw Unsupported(pattern, "a trailing backslash");
        var e = pattern[at + 1];
        switch (e)
        {
            case 'd':
                net.Append("[0-9]");
                return at + 2;
            case 'D':
                net.Append(AnyCodePoint("[^0-9]"));
                return at + 2;
            case 'w':
                net.Append('[').Append(JavaWordClass).Append(']');
                return at + 2;
            case 'W':
                net.Append(AnyCodePoint($"[^{JavaWordClass}]"));
                return at + 2;
            case 's':
                net.Append('[').Append(JavaSpaceClass).Append(']');
                return at + 2;
            case 'S':
                net.Append(AnyCodePoint($"[^{JavaSpaceClass}]"));
                return at + 2;
            case 'Q':
                throw Unsupported(pattern, @"\Q...\E quoting");
            default:
                return CopyEscape(pattern, at, net);
        }
    }

    // Escapes both engines read alike: \p{..} \P{..} \uXXXX \xhh \t \n \r \f \b \B \A \z, and escaped punctuation.
    static int CopyEscape(string pattern, int at, StringBuilder net)
    {
        var e = pattern[at + 1];
        if (e is 'p' or 'P')
        {
            var close = pattern.IndexOf('}', at);
            if (close < 0 || pattern[at + 2] != '{')
                throw Unsupported(pattern, @"a \p escape without braces");
            net.Append(pattern, at, close - at + 1);
            return close + 1;
        }

        if (e == 'u')
        {
            net.Append(pattern, at, 6);
            return at + 6;
        }

        if (e == 'x')
        {
            net.Append(pattern, at, 4);
            return at + 4;
        }

        if (char.IsAsciiLetter(e) && e is not ('t' or 'n' or 'r' or 'f' or 'b' or 'B' or 'A' or 'z'))
            throw Unsupported(pattern, $@"the escape \{e}");
        if (char.IsAsciiDigit(e))
            throw Unsupported(pattern, "back-references");
        net.Append('\\').Append(e);
        return at + 2;
    }

    static int CharacterClass(string pattern, int at, StringBuilder net)
    {
        var i = at + 1;
        var negated = i < pattern.Length && pattern[i] == '^';
        if (negated)
            i++;
        if (i < pattern.Length && pattern[i] == ']')
            throw Unsupported(pattern, "a class that starts with ]");

        var body = new StringBuilder();
        while (true)
        {
            if (i >= pattern.Length)
                throw Unsupported(pattern, "an unclosed class");
            var c = pattern[i];
            if (c == ']')
                break;
            if (c == '[')
                throw Unsupported(pattern, "nested classes");
            if (c == '&' && i + 1 < pattern.Length && pattern[i + 1] == '&')
                throw Unsupported(pattern, "class intersections");
            if (c == '\\')
            {
                if (i + 1 >= pattern.Length)
                    throw Unsupported(pattern, "a trailing backslash");
                switch (pattern[i + 1])
                {
                    case 'd':
                        body.Append("0-9");
                        i += 2;
                        continue;
                    case 'w':
                        body.Append(JavaWordClass);
                        i += 2;
                        continue;
                    case 's':
                        body.Append(JavaSpaceClass);
                        i += 2;
                        continue;
                    case 'D' or 'W' or 'S':
                        throw Unsupported(pattern, "negated shorthand classes inside a class");
                    default:
                        i = CopyEscape(pattern, i, body);
                        continue;
                }
            }

            body.Append(c);
            i++;
        }

        // A negated class matches any code point outside it, supplementary ones included, as one.
        net.Append(negated ? AnyCodePoint($"[^{body}]") : $"[{body}]");
        return i + 1;
    }

    static NotSupportedException Unsupported(string pattern, string construct) =>
        new($"The pattern '{pattern}' uses {construct}, which Switchyard does not translate from Java's regular expressions.");
}
