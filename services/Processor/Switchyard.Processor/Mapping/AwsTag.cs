namespace Switchyard.Processor.Mapping;

/// <summary>The tag in a deal's name that puts the deal in Switchyard's scope.</summary>
public static class AwsTag
{
    /// <summary>The tag: <c>#AWS</c>.</summary>
    public const string Default = "#AWS";

    /// <summary>
    /// Whether the deal name carries the tag, in any case (<c>#aws</c>, <c>#Aws</c>), as a word of its own: a letter,
    /// digit or underscore right after it makes another tag (<c>#AWSome</c>, <c>#AWS2</c>), not this one.
    /// </summary>
    public static bool IsTagged(string? dealName, string tag = Default) => Find(dealName, tag) >= 0;

    /// <summary>The deal name without the tag (every occurrence), spaces around it collapsed.</summary>
    public static string Remove(string dealName, string tag = Default)
    {
        ArgumentNullException.ThrowIfNull(dealName);
        var name = dealName;
        for (var at = Find(name, tag); at >= 0; at = Find(name, tag))
            name = name[..at].TrimEnd() + " " + name[(at + tag.Length)..].TrimStart();
        return name.Trim();
    }

    static int Find(string? dealName, string tag)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        if (string.IsNullOrEmpty(dealName))
            return -1;

        for (var at = dealName.IndexOf(tag, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = dealName.IndexOf(tag, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var after = at + tag.Length;
            if (after == dealName.Length || !(char.IsLetterOrDigit(dealName[after]) || dealName[after] == '_'))
                return at;
        }

        return -1;
    }
}
