using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Switchyard.Hosting;
using Switchyard.Hosting.Health;

namespace Switchyard.WebConsole.Overview;

/// <summary>
/// Each service's readiness: this process's own health checks when <c>Console:Services</c> is empty (AllInOne), or
/// each named service's <c>/health/ready</c>.
/// </summary>
internal sealed class ServiceHealth(IOptions<ConsoleOptions> options, IHttpClientFactory clients, IServiceProvider services)
{
    /// <summary>The HttpClient name.</summary>
    public const string HttpClientName = "console-health";

    public async Task<IReadOnlyList<ServiceStatus>> CheckAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.Services;
        if (configured.Count == 0)
            return [await CheckThisProcessAsync(cancellationToken)];
        return await Task.WhenAll(configured.OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase)
            .Select(s => CheckRemoteAsync(s.Key, new Uri(new Uri(s.Value.EndsWith('/') ? s.Value : s.Value + "/"), "health/ready"), cancellationToken)));
    }

    async Task<ServiceStatus> CheckThisProcessAsync(CancellationToken cancellationToken)
    {
        var modules = (IReadOnlyList<ISwitchyardModule>?)services.GetService(typeof(IReadOnlyList<ISwitchyardModule>)) ?? [];
        var name = string.Join(", ", modules.Select(m => m.Name));
        if (services.GetService(typeof(HealthCheckService)) is not HealthCheckService health)
            return new ServiceStatus(name, "Unknown", "No health checks in this process.", "this process");
        var report = await health.CheckHealthAsync(check => check.Tags.Contains(HealthEndpointExtensions.ReadyTag), cancellationToken);
        var unhealthy = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"{e.Key}: {e.Value.Description ?? e.Value.Status.ToString()}").ToList();
        return new ServiceStatus(name, report.Status.ToString(), unhealthy.Count == 0 ? (report.Entries.Count == 1 ? "its check passes" : $"all {report.Entries.Count} checks pass") : string.Join("; ", unhealthy), "this process's health checks");
    }

    async Task<ServiceStatus> CheckRemoteAsync(string name, Uri url, CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(HttpClientName);
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            var status = response.IsSuccessStatusCode ? "Healthy" : "Unhealthy";
            try
            {
                var body = await response.Content.ReadFromJsonAsync(cancellationToken);
                if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("status", out var reported) && reported.GetString() is { } text)
                    status = text;
            }
            catch (JsonException)
            {
                // A body that is not the health report: the status code says enough.
            }

            return new ServiceStatus(name, status, $"HTTP {(int)response.StatusCode}", url.GetLeftPart(UriPartial.Path));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ServiceStatus(name, "Unreachable", e is TaskCanceledException ? "no answer in time" : "could not connect", url.GetLeftPart(UriPartial.Path));
        }
    }
}

/// <summary>One service's state, and where it was read.</summary>
internal sealed record ServiceStatus(string Name, string Status, string Detail, string Source);

file static class JsonContentExtensions
{
    public static async Task<JsonElement> ReadFromJsonAsync(this HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        return document.RootElement.Clone();
    }
}
