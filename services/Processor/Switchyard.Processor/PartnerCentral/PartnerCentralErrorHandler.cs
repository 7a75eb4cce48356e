using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Processor.Http;

namespace Switchyard.Processor.PartnerCentral;

/// <summary>
/// Turns every failed Partner Central call into a <see cref="PartnerCentralException"/> whose kind says whether to
/// retry: error responses as <see cref="PartnerCentralErrors.FromResponse"/> reads them (with <c>Retry-After</c>),
/// a passed deadline and a connection that fails as transient, credentials as the signer reports them. One attempt:
/// retries are the bus's. Logs under <see cref="PartnerCentralClient"/>'s category: the operation, status, time and
/// error type, never a message (validation messages can quote customer data), a header or a key.
/// </summary>
public sealed partial class PartnerCentralErrorHandler(IOptions<PartnerCentralOptions> options, TimeProvider clock, ILogger<PartnerCentralClient> logger)
    : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = AwsJsonProtocolHandler.OperationOf(request) ?? "A Partner Central call";
        var started = Stopwatch.GetTimestamp();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw Failed(logger, operation, new PartnerCentralException(PartnerCentralErrors.Timeout,
                $"{operation} did not complete within {options.Value.RequestTimeout}.", PartnerCentralErrorKind.Transient, e));
        }
        catch (HttpRequestException e)
        {
            throw Failed(logger, operation, new PartnerCentralException(PartnerCentralErrors.ConnectionFailure,
                $"{operation} could not reach {Authority(request)}: {e.HttpRequestError}.", PartnerCentralErrorKind.Transient, e));
        }
        catch (IOException e)
        {
            throw Failed(logger, operation, new PartnerCentralException(PartnerCentralErrors.ConnectionFailure,
                $"{operation} lost its connection to {Authority(request)}.", PartnerCentralErrorKind.Transient, e));
        }
        catch (PartnerCentralException e)
        {
            throw Failed(logger, operation, e);
        }

        var status = (int)response.StatusCode;
        LogAnswered(logger, operation, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (response.IsSuccessStatusCode)
            return response;

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var errorTypeHeader = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
            throw Failed(logger, operation, PartnerCentralErrors.FromResponse(status, errorTypeHeader, body, RetryAfterHeader.Delay(response.Headers.RetryAfter, clock)));
        }
    }

    /// <summary>
    /// The failure for a 2xx answer that is not what the operation returns (a gateway's page, a truncated answer, a
    /// missing member): transient, since another attempt is likely to get the service's real answer.
    /// </summary>
    public static PartnerCentralException InvalidResponse(ILogger logger, string operation, string reason, Exception? innerException = null) =>
        Failed(logger, operation, new PartnerCentralException(PartnerCentralErrors.InvalidResponse, $"{operation} {reason}", PartnerCentralErrorKind.Transient, innerException));

    static PartnerCentralException Failed(ILogger logger, string operation, PartnerCentralException e)
    {
        // The reason is left out: validation messages can quote customer data.
        LogFailed(logger, operation, e.ErrorType, e.Kind);
        return e;
    }


    static string Authority(HttpRequestMessage request) => request.RequestUri?.GetLeftPart(UriPartial.Authority) ?? "Partner Central";

    [LoggerMessage(Level = LogLevel.Debug, Message = "Partner Central {Operation} answered {Status} in {ElapsedMs} ms")]
    static partial void LogAnswered(ILogger logger, string operation, int status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partner Central {Operation} failed with {ErrorType} ({Kind})")]
    static partial void LogFailed(ILogger logger, string operation, string errorType, PartnerCentralErrorKind kind);
}
