using Switchyard.Processor.Mapping;

namespace Switchyard.Processor.Sync;

/// <summary>Deal names as Switchyard restores them.</summary>
public static class DealNames
{
    /// <summary>
    /// <paramref name="title"/> (an opportunity title, which carries no tag) with the tag appended when it lacks it,
    /// so a restored deal stays in scope.
    /// </summary>
    public static string KeepingTag(string title, string tag) =>
        AwsTag.IsTagged(title, tag) ? title : $"{title.TrimEnd()} {tag}";
}
