using Microsoft.AspNetCore.Mvc.Filters;

namespace Switchyard.WebConsole;

/// <summary>
/// Headers on every console page: no framing (clickjacking), scripts and styles only from the console itself, no
/// referrer leaving for HubSpot or AWS, and pages that hold a secret kept out of caches.
/// </summary>
internal sealed class SecurityHeaders : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        // What antiforgery sets on pages with a form; the same here, so it has nothing to override (and warn about).
        headers.CacheControl = "no-cache, no-store";
        return next();
    }
}
