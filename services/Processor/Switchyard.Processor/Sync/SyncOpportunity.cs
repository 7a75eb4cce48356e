namespace Switchyard.Processor.Sync;

/// <summary>
/// Bring one deal's Partner Central opportunity up to date: create it, update it, or say why not. The processor's
/// event consumers send it after reading HubSpot; one rate-limited consumer carries it out, one deal at a time, with
/// at most one Partner Central write, so Partner Central sees at most its allowed write rate and never two writes for
/// one deal at once.
/// </summary>
/// <remarks>Internal to the processor: its queue is <c>processor-partner-central</c>.</remarks>
public sealed record SyncOpportunity
{
    /// <summary>The HubSpot account.</summary>
    public required long PortalId { get; init; }

    /// <summary>The deal to sync.</summary>
    public required long DealId { get; init; }

    /// <summary>Why, one of <see cref="SyncTriggers"/>.</summary>
    public required string Trigger { get; init; }

    /// <summary>The HubSpot event that led here, e.g. <c>company.propertyChange</c>.</summary>
    public required string SubscriptionType { get; init; }

    /// <summary>The kind of object of that event: <c>deal</c>, <c>company</c>, <c>contact</c>, <c>note</c>.</summary>
    public required string SourceObjectType { get; init; }

    /// <summary>The id of that object.</summary>
    public required long SourceObjectId { get; init; }

    /// <summary>For <see cref="SyncTriggers.NoteAdded"/>: the note as plain text, within Partner Central's limit.</summary>
    public string? NextSteps { get; init; }

    /// <summary>
    /// One sync for two of one deal that waited for the Partner Central budget together: the later, since a sync reads
    /// the deal afresh, but with the earlier's next steps when the later brings none, since those come from the
    /// message (a note), not from the deal.
    /// </summary>
    public static SyncOpportunity Coalesce(SyncOpportunity earlier, SyncOpportunity later)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        return later.NextSteps is null && earlier.NextSteps is not null ? later with { NextSteps = earlier.NextSteps } : later;
    }
}

/// <summary>The values of <see cref="SyncOpportunity.Trigger"/>.</summary>
public static class SyncTriggers
{
    /// <summary>The deal was created, or renamed to include <c>#AWS</c>, and has no opportunity yet.</summary>
    public const string DealTagged = "DealTagged";

    /// <summary>A mapped property of the deal changed.</summary>
    public const string DealChanged = "DealChanged";

    /// <summary>A synced deal was renamed: the opportunity's title cannot change.</summary>
    public const string DealRenamed = "DealRenamed";

    /// <summary>The deal's company changed.</summary>
    public const string CompanyChanged = "CompanyChanged";

    /// <summary>One of the deal's contacts changed.</summary>
    public const string ContactChanged = "ContactChanged";

    /// <summary>A note was added to the deal.</summary>
    public const string NoteAdded = "NoteAdded";
}
