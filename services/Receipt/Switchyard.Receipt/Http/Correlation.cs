using MassTransit;
using Microsoft.AspNetCore.Http;
using Switchyard.Hosting.Logging;

namespace Switchyard.Receipt.Http;

/// <summary>The correlation id that ties a request to the messages it published and to its log lines.</summary>
public static class Correlation
{
    /// <summary>The header a caller may send (a GUID) and that every response carries.</summary>
    public const string Header = "X-Correlation-ID";

    /// <summary>
    /// The caller's correlation id when it sent a valid one, otherwise a new one; echoed on the response and put on the
    /// request's log line.
    /// </summary>
    public static Guid Establish(HttpContext context)
    {
        var id = Guid.TryParse(context.Request.Headers[Header], out var given) && given != Guid.Empty ? given : NewId.NextGuid();
        context.Response.Headers[Header] = id.ToString();
        RequestLogging.RecordCorrelationId(context, id);
        return id;
    }
}
