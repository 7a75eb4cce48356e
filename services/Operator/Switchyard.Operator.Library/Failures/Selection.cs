namespace Switchyard.Operator.Failures;

/// <summary>Which failed messages a command acts on: all, one group, or messages by id.</summary>
internal sealed record Selection
{
    Selection(string? group, IReadOnlySet<string> ids)
    {
        Group = group;
        Ids = ids;
    }

    public static Selection All { get; } = new(null, new HashSet<string>());

    public static Selection OfGroup(string fingerprint) => new(fingerprint.Trim().ToLowerInvariant(), new HashSet<string>());

    public static Selection OfIds(IEnumerable<string> ids) =>
        new(null, ids.Select(id => id.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase));

    public string? Group { get; }

    public IReadOnlySet<string> Ids { get; }

    public bool IsAll => Group is null && Ids.Count == 0;

    public bool Matches(FailedMessage message) =>
        IsAll
        || (Group is not null && string.Equals(message.Fingerprint, Group, StringComparison.Ordinal))
        || Ids.Contains(message.MessageId);

    public override string ToString() =>
        IsAll ? "all" : Group is not null ? $"group {Group}" : $"{Ids.Count} message id(s)";
}
