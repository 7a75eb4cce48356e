namespace Switchyard.Hosting.ErrorQueues;

/// <summary>A consumer's queue with its error and skipped queues, as the operator sees them.</summary>
/// <param name="Name">The queue's name, e.g. <c>processor</c>.</param>
/// <param name="Ready">Messages waiting to be consumed, or null where the transport cannot count them.</param>
/// <param name="Errors">Messages in <c>&lt;name&gt;_error</c>.</param>
/// <param name="Skipped">Messages in <c>&lt;name&gt;_skipped</c>: delivered to the queue, but no consumer took them.</param>
/// <param name="OldestError">When the oldest message in the error queue failed, when there is one and it says.</param>
public sealed record QueueStatus(string Name, long? Ready, long Errors, long Skipped, DateTimeOffset? OldestError);
