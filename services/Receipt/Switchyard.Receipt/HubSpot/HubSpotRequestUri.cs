using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Switchyard.Receipt.HubSpot;

/// <summary>The full URL HubSpot called, which signatures v2 and v3 cover.</summary>
public static class HubSpotRequestUri
{
    /// <summary>
    /// <paramref name="publicBaseUrl"/> when configured, otherwise the scheme and host the request arrived with (the
    /// proxy's, when forwarded headers are enabled), followed by the path and query exactly as sent.
    /// </summary>
    public static string Of(HttpRequest request, Uri? publicBaseUrl)
    {
        // The request line as sent keeps the caller's escaping, which a decoded path would lose.
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || !target.StartsWith('/'))
            target = request.Path.ToUriComponent() + request.QueryString.ToUriComponent();

        return publicBaseUrl is not null
            ? publicBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + target
            : $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}{target}";
    }
}
