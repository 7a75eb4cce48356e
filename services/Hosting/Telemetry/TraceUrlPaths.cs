using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Switchyard.Hosting.Telemetry;

/// <summary>
/// Outgoing requests whose URL path must not reach traces: a webhook subscriber's URL often is its credential (Zapier's
/// hook URLs are), and the dispatcher shows it nowhere else. Their client spans keep the scheme, host and port.
/// </summary>
public static class TraceUrlPaths
{
    /// <summary>The request option that marks a request.</summary>
    public static readonly HttpRequestOptionsKey<bool> Hidden = new("Switchyard.Telemetry.HideUrlPath");

    /// <summary>Marks every request of this client.</summary>
    public static IHttpClientBuilder HideUrlPathsInTraces(this IHttpClientBuilder builder) =>
        builder.AddHttpMessageHandler(() => new MarkingHandler());

    /// <summary>Replaces the span's <c>url.full</c> with the request's origin when the request is marked.</summary>
    internal static void Apply(Activity activity, HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(Hidden, out var hidden) && hidden && request.RequestUri is { IsAbsoluteUri: true } uri)
            activity.SetTag("url.full", uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    sealed class MarkingHandler : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Options.Set(Hidden, true);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
