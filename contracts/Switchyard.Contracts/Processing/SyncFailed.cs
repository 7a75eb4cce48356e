namespace Switchyard.Contracts.Processing;

/// <summary>
/// A HubSpot event could not be synced for a reason that retrying will not fix (for example a validation error from
/// Partner Central). Transient failures are retried by the bus and do not produce this event.
/// </summary>
public record SyncFailed
{
    /// <summary>The HubSpot account.</summary>
    public required long PortalId { get; init; }

    /// <summary>The kind of HubSpot object the event was about: <c>deal</c>, <c>company</c>, <c>contact</c>, <c>note</c>.</summary>
    public required string ObjectType { get; init; }

    /// <summary>The HubSpot object's id.</summary>
    public required long ObjectId { get; init; }

    /// <summary>The HubSpot subscription type of the event.</summary>
    public required string SubscriptionType { get; init; }

    /// <summary>The deal concerned, when known.</summary>
    public long? DealId { get; init; }

    /// <summary>The Partner Central opportunity concerned, when known.</summary>
    public string? OpportunityId { get; init; }

    /// <summary>A stable code, e.g. the Partner Central error type <c>ValidationException</c>.</summary>
    public required string Reason { get; init; }

    /// <summary>A sentence for people. Never holds a secret.</summary>
    public required string Detail { get; init; }

    /// <summary>When the sync failed.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
