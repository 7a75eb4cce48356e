namespace Switchyard.Contracts.Processing;

/// <summary>A HubSpot event needed no change in Partner Central, for the reason given.</summary>
public record SyncSkipped
{
    /// <summary>The HubSpot account.</summary>
    public required long PortalId { get; init; }

    /// <summary>The kind of HubSpot object the event was about: <c>deal</c>, <c>company</c>, <c>contact</c>, <c>note</c>.</summary>
    public required string ObjectType { get; init; }

    /// <summary>The HubSpot object's id.</summary>
    public required long ObjectId { get; init; }

    /// <summary>The HubSpot subscription type of the event, e.g. <c>deal.creation</c>.</summary>
    public required string SubscriptionType { get; init; }

    /// <summary>A stable code for scripts and filters; see <see cref="SyncSkipReasons"/>.</summary>
    public required string Reason { get; init; }

    /// <summary>A sentence for people.</summary>
    public required string Detail { get; init; }

    /// <summary>When the event was skipped.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
