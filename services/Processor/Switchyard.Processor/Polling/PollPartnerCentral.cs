namespace Switchyard.Processor.Polling;

/// <summary>
/// Poll Partner Central now: a tick of a processor's timer. Internal to the processor: its queue is
/// <c>processor-polling</c>, consumed by one instance at a time, so however many processors tick, one polls.
/// </summary>
public sealed record PollPartnerCentral
{
    /// <summary>When the timer ticked.</summary>
    public required DateTimeOffset RequestedAt { get; init; }
}
