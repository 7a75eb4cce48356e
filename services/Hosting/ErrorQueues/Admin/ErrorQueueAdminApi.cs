using System.Text.Json;

namespace Switchyard.Hosting.ErrorQueues.Admin;

/// <summary>
/// The contract of the operator endpoints a host on the in-memory transport offers (<c>/admin</c>), shared by the
/// host and the operator's command-line client.
/// </summary>
public static class ErrorQueueAdminApi
{
    /// <summary><c>GET</c>: every receive endpoint's queue with its counts, as <see cref="QueueStatus"/>[].</summary>
    public const string QueuesPath = "admin/queues";

    /// <summary><c>GET admin/errors/{queue}?after=&amp;limit=</c>: an <see cref="ErrorQueuePage"/>.</summary>
    public const string ErrorsPath = "admin/errors";

    /// <summary>The most messages one page holds.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>A page's size when the request does not say.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>
    /// The JSON of the endpoints: ASP.NET Core's web defaults (camelCase names). A message's body is base64, as
    /// System.Text.Json writes a byte array; its headers are strings, numbers and booleans.
    /// </summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>The path of <paramref name="queue"/>'s messages: <c>POST</c> a <see cref="TransportMessage"/> to send one.</summary>
    public static string MessagesPath(string queue) => $"{QueuesPath}/{Uri.EscapeDataString(queue)}/messages";

    /// <summary>The path of a page of <paramref name="errorQueue"/>.</summary>
    public static string PagePath(string errorQueue, long after, int limit) =>
        $"{ErrorsPath}/{Uri.EscapeDataString(errorQueue)}?after={after}&limit={limit}";

    /// <summary>The path that removes a message from <paramref name="errorQueue"/> with <c>DELETE</c>.</summary>
    /// <param name="errorQueue">The error or skipped queue.</param>
    /// <param name="messageId">The message's id.</param>
    /// <param name="entry">The <see cref="ErrorQueueMessage.Id"/> of the very entry, when two share a message id.</param>
    public static string MessagePath(string errorQueue, string messageId, long? entry) =>
        $"{ErrorsPath}/{Uri.EscapeDataString(errorQueue)}/{Uri.EscapeDataString(messageId)}" + (entry is { } id ? $"?entry={id}" : "");
}

/// <summary>A message in an error or skipped queue, as the operator endpoints list it.</summary>
/// <param name="Id">The entry's id: the cursor for the next page, and what picks this entry out of several with one message id.</param>
/// <param name="Queue">The error or skipped queue, e.g. <c>processor_error</c>.</param>
/// <param name="Message">The message as a broker's error queue would hold it.</param>
/// <param name="Fault">Why it failed, read from its headers.</param>
/// <param name="StoredAt">When the queue received it.</param>
public sealed record ErrorQueueMessage(long Id, string Queue, TransportMessage Message, FaultDetails Fault, DateTimeOffset StoredAt);

/// <summary>A page of an error or skipped queue, oldest first.</summary>
/// <param name="Items">The messages.</param>
/// <param name="Next">Pass as <c>after</c> for the next page; null on the last.</param>
public sealed record ErrorQueuePage(IReadOnlyList<ErrorQueueMessage> Items, long? Next);
