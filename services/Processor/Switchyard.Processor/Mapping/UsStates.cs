using System.Collections.Frozen;

namespace Switchyard.Processor.Mapping;

/// <summary>
/// United States states and territories as Partner Central spells them in <c>Address.StateOrRegion</c>, whose
/// documented values are full names (<c>California</c>, <c>Dist. of Columbia</c>, <c>APO/AE</c>), while CRMs mostly
/// hold USPS codes (<c>CA</c>, <c>DC</c>, <c>AE</c>).
/// </summary>
public static class UsStates
{
    /// <summary>Each USPS code with Partner Central's name for it and other names people write.</summary>
    public static readonly IReadOnlyList<(string Code, string Name, string[] OtherNames)> All =
    [
        ("AL", "Alabama", []), ("AK", "Alaska", []), ("AS", "American Samoa", []), ("AZ", "Arizona", []),
        ("AR", "Arkansas", []), ("CA", "California", []), ("CO", "Colorado", []), ("CT", "Connecticut", []),
        ("DE", "Delaware", []),
        ("DC", "Dist. of Columbia", ["District of Columbia", "Washington DC"]),
        ("FM", "Federated States of Micronesia", ["Micronesia"]), ("FL", "Florida", []), ("GA", "Georgia", []),
        ("GU", "Guam", []), ("HI", "Hawaii", []), ("ID", "Idaho", []), ("IL", "Illinois", []), ("IN", "Indiana", []),
        ("IA", "Iowa", []), ("KS", "Kansas", []), ("KY", "Kentucky", []), ("LA", "Louisiana", []), ("ME", "Maine", []),
        ("MH", "Marshall Islands", []), ("MD", "Maryland", []), ("MA", "Massachusetts", []), ("MI", "Michigan", []),
        ("MN", "Minnesota", []), ("MS", "Mississippi", []), ("MO", "Missouri", []), ("MT", "Montana", []),
        ("NE", "Nebraska", []), ("NV", "Nevada", []), ("NH", "New Hampshire", []), ("NJ", "New Jersey", []),
        ("NM", "New Mexico", []), ("NY", "New York", ["New York State"]), ("NC", "North Carolina", []),
        ("ND", "North Dakota", []), ("MP", "Northern Mariana Islands", []), ("OH", "Ohio", []),
        ("OK", "Oklahoma", []), ("OR", "Oregon", []), ("PW", "Palau", []), ("PA", "Pennsylvania", []),
        ("PR", "Puerto Rico", []), ("RI", "Rhode Island", []), ("SC", "South Carolina", []),
        ("SD", "South Dakota", []), ("TN", "Tennessee", []), ("TX", "Texas", []), ("UT", "Utah", []),
        ("VT", "Vermont", []), ("VA", "Virginia", []),
        ("VI", "Virgin Islands", ["U.S. Virgin Islands", "US Virgin Islands", "United States Virgin Islands"]),
        ("WA", "Washington", ["Washington State"]), ("WV", "West Virginia", []), ("WI", "Wisconsin", []),
        ("WY", "Wyoming", []),
        ("AE", "APO/AE", ["Armed Forces Europe", "Armed Forces Middle East", "Armed Forces Africa", "Armed Forces Canada"]),
        ("AA", "AFO/FPO", ["Armed Forces Americas"]),
        ("AP", "FPO, AP", ["Armed Forces Pacific"]),
    ];

    static readonly FrozenDictionary<string, string> ByKey = Build();

    /// <summary>Partner Central's name for a state given by USPS code or name (any case), or null for no US state.</summary>
    public static string? Find(string? state)
    {
        var text = state?.Trim();
        return string.IsNullOrEmpty(text) ? null : ByKey.GetValueOrDefault(AllowedValues.Key(text));
    }

    static FrozenDictionary<string, string> Build()
    {
        var byKey = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (code, name, otherNames) in All)
        {
            foreach (var key in otherNames.Prepend(name).Prepend(code))
            {
                if (!byKey.TryAdd(AllowedValues.Key(key), name) && byKey[AllowedValues.Key(key)] != name)
                    throw new InvalidOperationException($"'{key}' names both {byKey[AllowedValues.Key(key)]} and {name}.");
            }
        }

        return byKey.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
