namespace Switchyard.Dispatcher.Inbox;

/// <summary>An event waiting in an inbox subscription until its client acknowledges it.</summary>
public sealed class InboxRecord
{
    /// <summary>Store-assigned, increasing: the paging cursor, oldest first.</summary>
    public long Sequence { get; set; }

    /// <summary>The event's id for this subscription (the <c>webhook-id</c> it would have had); what the client acknowledges.</summary>
    public required string MessageId { get; set; }

    /// <summary>The inbox subscription.</summary>
    public required string SubscriptionId { get; set; }

    /// <summary>The API client that reads it.</summary>
    public required string Owner { get; set; }

    /// <summary>The event's type.</summary>
    public required string EventType { get; set; }

    /// <summary>The body a webhook would have carried, as JSON.</summary>
    public required string Body { get; set; }

    /// <summary>When it was put in the inbox (UTC).</summary>
    public DateTime EnqueuedAt { get; set; }

    /// <summary>When the client acknowledged it (UTC); null while it is pending.</summary>
    public DateTime? AcknowledgedAt { get; set; }
}
