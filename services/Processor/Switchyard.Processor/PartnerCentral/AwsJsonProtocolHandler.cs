using System.Net.Http.Headers;
using Refit;

namespace Switchyard.Processor.PartnerCentral;

/// <summary>
/// Makes a request an AWS JSON 1.0 call of Partner Central Selling: <c>Content-Type: application/x-amz-json-1.0</c>
/// (instead of the serializer's <c>application/json</c>), a JSON body even when empty, and <c>X-Amz-Target</c>, which
/// the Refit interface names per method; a method without it is sent as the operation its name says
/// (<c>ListSolutionsAsync</c> is <c>ListSolutions</c>). Runs before signing: these headers are signed.
/// </summary>
public sealed class AwsJsonProtocolHandler : DelegatingHandler
{
    /// <summary>The content type of the AWS JSON 1.0 protocol.</summary>
    public const string ContentType = "application/x-amz-json-1.0";

    /// <summary>The header naming the operation.</summary>
    public const string TargetHeader = "X-Amz-Target";

    /// <summary>The <c>X-Amz-Target</c> prefix of every operation (the model's <c>targetPrefix</c>).</summary>
    public const string TargetPrefix = "AWSPartnerCentralSelling.";

    const string ApiVersionHeader = "X-Amz-Api-Version";
    const string ApiVersion = "2022-07-26";

    static readonly HttpRequestOptionsKey<string> RefitMethodName = new(HttpRequestMessageOptions.MethodName);

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Prepare(request, OperationOf(request));
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>Sets the protocol's headers on <paramref name="request"/> for <paramref name="operation"/> (when it names none yet).</summary>
    /// <exception cref="InvalidOperationException">Neither the request nor <paramref name="operation"/> names an operation.</exception>
    public static void Prepare(HttpRequestMessage request, string? operation)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Headers.Contains(TargetHeader))
        {
            if (string.IsNullOrEmpty(operation))
                throw new InvalidOperationException($"A Partner Central request needs an operation: give its Refit method [Headers(\"{TargetHeader}: {TargetPrefix}<Operation>\")].");
            request.Headers.TryAddWithoutValidation(TargetHeader, TargetPrefix + operation);
        }

        request.Headers.Remove(ApiVersionHeader);
        request.Headers.TryAddWithoutValidation(ApiVersionHeader, ApiVersion);
        request.Content ??= new ByteArrayContent("{}"u8.ToArray());
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
    }

    /// <summary>The operation a request calls: its <c>X-Amz-Target</c> without the prefix, else its Refit method's name without <c>Async</c>.</summary>
    public static string? OperationOf(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.TryGetValues(TargetHeader, out var targets) && targets.FirstOrDefault() is { Length: > 0 } target)
            return target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? target[TargetPrefix.Length..] : target;
        if (request.Options.TryGetValue(RefitMethodName, out var method) && !string.IsNullOrEmpty(method))
            return method.EndsWith("Async", StringComparison.Ordinal) ? method[..^"Async".Length] : method;
        return null;
    }
}
