using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Processor.Http;

namespace Switchyard.Processor.HubSpot;

/// <summary>
/// Turns every failed CRM exchange into <see cref="HubSpotTransientException"/> (429, 408, 5xx, a passed deadline, a
/// connection that fails or breaks; with HubSpot's <c>Retry-After</c>) or <see cref="HubSpotPermanentException"/>
/// (other statuses), with HubSpot's category, message and correlation id but never the token. One attempt: retries are
/// the bus's. Logs under <see cref="HubSpotCrmClient"/>'s category: method and path, never bodies or headers.
/// </summary>
internal sealed partial class HubSpotErrorHandler(IOptions<HubSpotCrmOptions> options, TimeProvider clock, ILogger<HubSpotCrmClient> logger)
    : DelegatingHandler
{
    // HubSpot's messages are short; a proxy's HTML error page is not worth carrying around in full.
    const int MaxMessageLength = 500;

    static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var method = request.Method.Method;
        var path = PathOf(request, settings.ApiBaseUrl);

        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (TimeoutException e)
        {
            LogTransient(logger, method, path, "timeout");
            throw new HubSpotTransientException($"HubSpot did not answer {method} {path} within {settings.RequestTimeout}.", innerException: e);
        }
        catch (HttpRequestException e)
        {
            LogTransient(logger, method, path, e.HttpRequestError.ToString());
            throw new HubSpotTransientException($"HubSpot could not be reached for {method} {path}: {Redact(e.Message, settings)}", innerException: e);
        }
        catch (IOException e)
        {
            LogTransient(logger, method, path, "connection lost");
            throw new HubSpotTransientException($"The connection to HubSpot broke during {method} {path}.", innerException: e);
        }

        if (response.IsSuccessStatusCode)
            return response;
        using (response)
            throw await FailureAsync(method, path, response, settings, cancellationToken);
    }

    /// <summary>
    /// The failure for a 2xx answer whose body is not the JSON expected (a gateway's page, a truncated answer): another
    /// attempt is likely to get HubSpot's real answer.
    /// </summary>
    public static HubSpotTransientException UnreadableAnswer(string method, string path, ILogger logger, Exception? innerException = null)
    {
        LogTransient(logger, method, path, "unreadable answer");
        return new HubSpotTransientException($"HubSpot answered {method} {path} with a body that is not the JSON expected.", innerException: innerException);
    }

    /// <summary>The request's path below <see cref="HubSpotCrmOptions.ApiBaseUrl"/>, e.g. <c>/crm/v3/objects/deals/4242</c>: no query, which names properties.</summary>
    public static string PathOf(HttpRequestMessage request, Uri apiBaseUrl)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";
        var basePath = apiBaseUrl.AbsolutePath.TrimEnd('/');
        return basePath.Length > 0 && path.StartsWith(basePath + "/", StringComparison.Ordinal) ? path[basePath.Length..] : path;
    }

    async Task<Exception> FailureAsync(string method, string path, HttpResponseMessage response, HubSpotCrmOptions settings, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var error = await ReadErrorAsync(response, cancellationToken);
        var message = error?.Message is { Length: > 0 } said ? Truncate(Redact(said, settings)) : null;
        var category = error?.Category is { Length: > 0 } c ? " " + Truncate(Redact(c, settings)) : "";
        var correlation = error?.CorrelationId is { Length: > 0 } id ? $" (correlation id {Truncate(Redact(id, settings))})" : "";
        var description = $"HubSpot answered {status}{category} to {method} {path}{(message is null ? "" : ": " + message)}{correlation}";

        // 408 is a timeout by another name.
        if (status is 429 or 408 or >= 500)
        {
            LogTransient(logger, method, path, status.ToString(CultureInfo.InvariantCulture));
            return new HubSpotTransientException(description, RetryAfterHeader.Delay(response.Headers.RetryAfter, clock));
        }

        // A read of something that does not exist is an everyday answer (the caller reads it as null), not a refusal.
        if (response.StatusCode == HttpStatusCode.NotFound && method == HttpMethod.Get.Method)
            LogNotFound(logger, method, path);
        else
            LogRefused(logger, method, path, status, error?.Category, error?.CorrelationId);
        return new HubSpotPermanentException(status, description);
    }

    static async Task<HubSpotErrorDto?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return text.TrimStart().StartsWith('{') ? JsonSerializer.Deserialize<HubSpotErrorDto>(text, Json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Whatever HubSpot or the network says is passed on, but never the token, should anything echo it.
    static string Redact(string text, HubSpotCrmOptions settings) =>
        string.IsNullOrEmpty(settings.AccessToken) ? text : text.Replace(settings.AccessToken, "[redacted]", StringComparison.Ordinal);

    static string Truncate(string text) => text.Length <= MaxMessageLength ? text : text[..MaxMessageLength] + "...";

    [LoggerMessage(Level = LogLevel.Debug, Message = "HubSpot could not answer {Method} {Path} now ({Reason})")]
    static partial void LogTransient(ILogger logger, string method, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "HubSpot refused {Method} {Path} with {Status} {Category} (correlation id {CorrelationId})")]
    static partial void LogRefused(ILogger logger, string method, string path, int status, string? category, string? correlationId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "HubSpot has nothing at {Method} {Path} (404)")]
    static partial void LogNotFound(ILogger logger, string method, string path);
}
