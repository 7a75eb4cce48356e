using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Switchyard.Contracts.Delivery;
using Switchyard.Dispatcher.Subscriptions;

namespace Switchyard.Dispatcher.Delivery;

/// <summary>Posts one event to one subscriber's webhook and says what came of it; never throws for the subscriber's failures.</summary>
public sealed class WebhookClient(HttpClient http, TimeProvider clock)
{
    /// <summary>The HttpClient name, for configuring the handler.</summary>
    public const string HttpClientName = "webhooks";

    /// <summary>How much of a subscriber's answer the delivery log keeps.</summary>
    public const int ResponseExcerptBytes = 1024;

    static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    /// <summary>Sends <paramref name="body"/> to the subscription's URL, signed with its secrets.</summary>
    public async Task<DeliveryResult> DeliverAsync(Subscription subscription, DeliverWebhook webhook, byte[] body, CancellationToken cancellationToken)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url);
        request.Content = new ByteArrayContent(body) { Headers = { ContentType = Json } };
        request.Headers.Add(StandardWebhooks.IdHeader, webhook.WebhookId);
        request.Headers.Add(StandardWebhooks.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(StandardWebhooks.SignatureHeader, StandardWebhooks.Sign(subscription.Secrets, webhook.WebhookId, timestamp, body));

        var sent = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = Json.ToString(),
            [StandardWebhooks.IdHeader] = webhook.WebhookId,
            [StandardWebhooks.TimestampHeader] = timestamp.ToString(CultureInfo.InvariantCulture),
            [StandardWebhooks.SignatureHeader] = request.Headers.GetValues(StandardWebhooks.SignatureHeader).First(),
        };

        var result = await SendAsync(request, cancellationToken);
        return result with { RequestHeaders = sent };
    }

    async Task<DeliveryResult> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var latency = Stopwatch.GetElapsedTime(started);
            return Classify(response, latency) with { ResponseExcerpt = await ExcerptAsync(response, cancellationToken) };
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Transient(Stopwatch.GetElapsedTime(started), null, $"No answer within {http.Timeout.TotalSeconds:0.###} s (Dispatcher:Delivery:Timeout).");
        }
        catch (HttpRequestException e) when (RefusalIn(e) is { } refusal)
        {
            return DeliveryResult.Permanent(Stopwatch.GetElapsedTime(started), null, refusal.Message);
        }
        catch (HttpRequestException e)
        {
            // Only the kind of error: the message may quote the URL, and a URL may carry a token.
            return DeliveryResult.Transient(Stopwatch.GetElapsedTime(started), null, $"The request failed: {Describe(e.HttpRequestError)}.");
        }
    }

    DeliveryResult Classify(HttpResponseMessage response, TimeSpan latency)
    {
        var status = (int)response.StatusCode;
        return status switch
        {
            >= 200 and < 300 => DeliveryResult.Delivered(latency, status),
            (int)HttpStatusCode.Gone => DeliveryResult.Gone(latency),
            (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests or >= 500 =>
                DeliveryResult.Transient(latency, status, $"The subscriber answered HTTP {status}.", RetryAfter(response)),
            _ => DeliveryResult.Permanent(latency, status, $"The subscriber answered HTTP {status}, which retrying cannot fix."),
        };
    }

    /// <summary>
    /// The start of the answer's body, for people reading the log; nothing when it cannot be read within the timeout
    /// that is left. The latency is measured to the headers, so a slow body does not change the verdict.
    /// </summary>
    static async Task<string?> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[ResponseExcerptBytes];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await body.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
                read += n;
            return read == 0 ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - clock.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    static Exception? RefusalIn(HttpRequestException e)
    {
        for (Exception? inner = e.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is Safety.OutboundAddressRefusedException)
                return inner;
        }

        return null;
    }

    static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "the host name did not resolve",
        HttpRequestError.ConnectionError => "the connection was refused or dropped",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed",
        HttpRequestError.ResponseEnded => "the subscriber closed the connection before answering",
        HttpRequestError.InvalidResponse => "the subscriber's answer was not valid HTTP",
        _ => "a network error",
    };
}

/// <summary>What one attempt came to.</summary>
public sealed record DeliveryResult(DeliveryVerdict Verdict, TimeSpan Latency, int? StatusCode, string? Error, TimeSpan? RetryAfter = null)
{
    /// <summary>The headers sent, when a request was made.</summary>
    public IReadOnlyDictionary<string, string>? RequestHeaders { get; init; }

    /// <summary>The start of the subscriber's answer, when it answered with a body.</summary>
    public string? ResponseExcerpt { get; init; }

    /// <summary>2xx.</summary>
    public static DeliveryResult Delivered(TimeSpan latency, int status) => new(DeliveryVerdict.Delivered, latency, status, null);

    /// <summary>410 Gone.</summary>
    public static DeliveryResult Gone(TimeSpan latency) => new(DeliveryVerdict.Gone, latency, (int)HttpStatusCode.Gone, "The subscriber answered HTTP 410 Gone.");

    /// <summary>Worth another attempt.</summary>
    public static DeliveryResult Transient(TimeSpan latency, int? status, string error, TimeSpan? retryAfter = null) =>
        new(DeliveryVerdict.Transient, latency, status, error, retryAfter);

    /// <summary>Another attempt would fail the same way.</summary>
    public static DeliveryResult Permanent(TimeSpan latency, int? status, string error) => new(DeliveryVerdict.Permanent, latency, status, error);
}

/// <summary>The kinds of <see cref="DeliveryResult"/>.</summary>
public enum DeliveryVerdict
{
    /// <summary>The subscriber has it.</summary>
    Delivered,

    /// <summary>The subscriber wants no more.</summary>
    Gone,

    /// <summary>Retry.</summary>
    Transient,

    /// <summary>Do not retry.</summary>
    Permanent,
}
