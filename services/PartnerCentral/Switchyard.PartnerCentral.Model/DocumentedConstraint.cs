using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Switchyard.PartnerCentral.Model;

/// <summary>
/// A constraint on one member that AWS states in the member's documentation rather than in the model's traits: a list
/// of valid values for a plain string, a narrower list than the model's <c>enum</c>, or a range for a number written
/// as a string. Where the model and the documentation differ, the documentation is followed: it is what the service
/// enforces beyond the shape (e.g. the model's <c>CurrencyCode</c> enum lists 168 codes, while expected spend is
/// documented to accept only USD and EUR).
/// </summary>
/// <remarks>
/// The values are read from the model's documentation text when the model loads; which members carry such a
/// constraint is listed in <see cref="ServiceModel"/> with the page it comes from, so that prose cannot turn into a
/// rule by accident. A documentation change that no longer parses fails the load, and with it the model's tests.
/// </remarks>
public sealed partial class DocumentedConstraint
{
    DocumentedConstraint(IReadOnlyList<string>? values, (int Min, int Max)? range, string source)
    {
        Values = values;
        Range = range;
        Source = source;
    }

    /// <summary>The valid values, as AWS spells them, or null.</summary>
    public IReadOnlyList<string>? Values { get; }

    /// <summary>The valid range of an integer written as a string, or null.</summary>
    public (int Min, int Max)? Range { get; }

    /// <summary>The sentence of the documentation the constraint was read from, as plain text.</summary>
    public string Source { get; }

    /// <summary>The violation of this constraint by <paramref name="text"/> at <paramref name="path"/>, or null.</summary>
    public ModelViolation? Check(string text, string path)
    {
        if (Values is not null && !Values.Contains(text, StringComparer.Ordinal))
            return new ModelViolation(path, ViolationKind.NotDocumentedValue,
                $"Member must satisfy enum value set: [{string.Join(", ", Values)}]", ModelViolation.InvalidEnumValue);
        if (Range is var (min, max)
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max))
            return new ModelViolation(path, ViolationKind.OutOfRange,
                $"Member must be a whole number from {min} to {max}", ModelViolation.ValueOutOfRange);
        return null;
    }

    /// <summary>Reads "Valid values: <c>A | B | C</c>" from a member's documentation.</summary>
    internal static DocumentedConstraint PipeList(string documentation)
    {
        var match = PipeListPattern().Match(documentation);
        if (!match.Success)
            throw new FormatException("The documentation has no 'Valid values: <code>a | b</code>' list.");
        var values = match.Groups["list"].Value.Split('|').Select(v => WebUtility.HtmlDecode(v).Trim()).Where(v => v.Length > 0).ToList();
        return new DocumentedConstraint(values, null, PlainText(match.Value));
    }

    /// <summary>Reads "Accepted values are <c>A</c> (...) and <c>B</c> (...)." from a member's documentation.</summary>
    internal static DocumentedConstraint AcceptedValues(string documentation)
    {
        var match = AcceptedValuesPattern().Match(documentation);
        if (!match.Success)
            throw new FormatException("The documentation has no 'Accepted values are <code>A</code> and <code>B</code>.' sentence.");
        var values = CodePattern().Matches(match.Value).Select(m => WebUtility.HtmlDecode(m.Groups["code"].Value).Trim()).ToList();
        return new DocumentedConstraint(values, null, PlainText(match.Value));
    }

    /// <summary>Reads "Valid values range from <c>1</c> to <c>144</c>" from a member's documentation.</summary>
    internal static DocumentedConstraint IntegerRange(string documentation)
    {
        var match = RangePattern().Match(documentation);
        if (!match.Success)
            throw new FormatException("The documentation has no 'Valid values range from <code>m</code> to <code>n</code>' sentence.");
        var range = (int.Parse(match.Groups["min"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["max"].Value, CultureInfo.InvariantCulture));
        return new DocumentedConstraint(null, range, PlainText(match.Value));
    }

    /// <summary>
    /// Reads "Acceptable values include the following:" and the list after it, each item a value in italics followed by
    /// a colon and its meaning ("<c>&lt;li&gt;&lt;p&gt;&lt;i&gt;Other:&lt;/i&gt; Any reason ...</c>").
    /// </summary>
    internal static DocumentedConstraint AcceptableValuesList(string documentation)
    {
        var match = AcceptableListPattern().Match(documentation);
        if (!match.Success)
            throw new FormatException("The documentation has no 'Acceptable values include the following:' list of <i>value:</i> items.");
        var values = ListItemPattern().Matches(match.Groups["list"].Value).Select(m => WebUtility.HtmlDecode(m.Groups["value"].Value).Trim()).ToList();
        if (values.Count == 0)
            throw new FormatException("The 'Acceptable values include the following:' list has no <i>value:</i> items.");
        return new DocumentedConstraint(values, null, PlainText(match.Value));
    }

    static string PlainText(string html) => WebUtility.HtmlDecode(TagPattern().Replace(html, ""));

    [GeneratedRegex(@"Valid values:\s*<code>(?<list>[^<]*\|[^<]*)</code>")]
    private static partial Regex PipeListPattern();

    [GeneratedRegex(@"Accepted values are .*?\.(?=\s|<|$)")]
    private static partial Regex AcceptedValuesPattern();

    [GeneratedRegex(@"<code>(?<code>[^<]+)</code>")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"Valid values range from <code>(?<min>[0-9]+)</code> to <code>(?<max>[0-9]+)</code>")]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"Acceptable values include the following:\s*(</p>)?\s*<ul>(?<list>.*?)</ul>", RegexOptions.Singleline)]
    private static partial Regex AcceptableListPattern();

    [GeneratedRegex(@"<li>\s*<p>\s*<i>(?<value>[^<:]+):</i>")]
    private static partial Regex ListItemPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}
