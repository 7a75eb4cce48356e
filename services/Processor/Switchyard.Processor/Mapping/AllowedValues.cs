using System.Collections.Frozen;
using System.Text;

namespace Switchyard.Processor.Mapping;

/// <summary>
/// One of Partner Central's lists of allowed values, matched forgivingly: case, spacing and punctuation are ignored
/// and <c>&amp;</c> reads as <c>and</c>, so <c>saas or paas</c>, <c>SAAS_OR_PAAS</c> (the SDKs' constant name, often
/// used as a HubSpot option's internal value) and <c>SaaS or PaaS</c> all find <c>SaaS or PaaS</c>.
/// </summary>
public sealed class AllowedValues
{
    readonly FrozenDictionary<string, string> byKey;

    /// <summary>Creates the list; the values are kept exactly as given, as Partner Central spells them.</summary>
    /// <exception cref="ArgumentException">Two values read the same once case and punctuation are ignored.</exception>
    public AllowedValues(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        Values = [.. values];
        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in Values)
        {
            if (!byKey.TryAdd(Key(value), value))
                throw new ArgumentException($"'{value}' and '{byKey[Key(value)]}' cannot be told apart.", nameof(values));
        }

        this.byKey = byKey.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The values, as Partner Central spells them, in Partner Central's order.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>The allowed value <paramref name="value"/> stands for, or null when it stands for none.</summary>
    public string? Find(string? value) =>
        value is null ? null : byKey.GetValueOrDefault(Key(value));

    /// <summary>Whether <paramref name="value"/> stands for one of the values.</summary>
    public bool Contains(string? value) => Find(value) is not null;

    /// <summary>
    /// The allowed values in a HubSpot multi-select (values separated by <c>;</c>), in their order, each once; values
    /// that stand for none are dropped.
    /// </summary>
    public IReadOnlyList<string> FindAll(string? multiSelect)
    {
        if (string.IsNullOrWhiteSpace(multiSelect))
            return [];

        var found = new List<string>();
        foreach (var part in multiSelect.Split(';'))
        {
            if (Find(part) is { } value && !found.Contains(value))
                found.Add(value);
        }

        return found;
    }

    /// <summary>The form two values are compared in: lower-case letters and digits only, <c>&amp;</c> as <c>and</c>.</summary>
    public static string Key(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var key = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (char.IsLetterOrDigit(c))
                key.Append(char.ToLowerInvariant(c));
            else if (c == '&')
                key.Append("and");
        }

        return key.ToString();
    }
}
