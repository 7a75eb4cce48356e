using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Switchyard.Processor.HubSpot;

/// <summary>
/// Authenticates every CRM request as the private app: <c>Authorization: Bearer</c> with
/// <see cref="HubSpotCrmOptions.AccessToken"/>. The header is redacted from HttpClient's logs by the registration, and
/// <see cref="HubSpotErrorHandler"/> keeps the token out of every message.
/// </summary>
public sealed class HubSpotBearerTokenHandler(IOptions<HubSpotCrmOptions> options) : DelegatingHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.AccessToken);
        return base.SendAsync(request, cancellationToken);
    }
}
