using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Switchyard.Bench;

/// <summary>
/// The RabbitMQ broker that <c>build/rabbitmq.sh</c> runs, found through the <c>SWITCHYARD_RABBITMQ_*</c> variables it
/// writes to <c>build/.rabbitmq/env</c>. Each benchmark side gets a virtual host of its own, so runs never share queues.
/// </summary>
public sealed class BenchBroker : IDisposable
{
    readonly HttpClient _management;

    BenchBroker(string host, int port, int managementPort, string username, string password)
    {
        Host = host;
        Port = port;
        Username = username;
        Password = password;
        ManagementUrl = $"http://{host}:{managementPort}/api/";
        _management = new HttpClient { BaseAddress = new Uri(ManagementUrl), Timeout = TimeSpan.FromSeconds(15) };
        _management.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
    }

    public string Host { get; }

    public int Port { get; }

    public string Username { get; }

    public string Password { get; }

    public string ManagementUrl { get; }

    /// <summary>The broker from the environment, or null when the variables are missing.</summary>
    public static BenchBroker? FromEnvironment()
    {
        var host = Environment.GetEnvironmentVariable("SWITCHYARD_RABBITMQ_HOST");
        if (string.IsNullOrEmpty(host)
            || !int.TryParse(Environment.GetEnvironmentVariable("SWITCHYARD_RABBITMQ_PORT"), CultureInfo.InvariantCulture, out var port)
            || !int.TryParse(Environment.GetEnvironmentVariable("SWITCHYARD_RABBITMQ_MANAGEMENT_PORT"), CultureInfo.InvariantCulture, out var management))
            return null;
        return new BenchBroker(host, port, management,
            Environment.GetEnvironmentVariable("SWITCHYARD_RABBITMQ_USERNAME") ?? "guest",
            Environment.GetEnvironmentVariable("SWITCHYARD_RABBITMQ_PASSWORD") ?? "guest");
    }

    /// <summary>Creates a fresh virtual host with full permissions for the broker's user.</summary>
    public async Task<string> CreateVirtualHostAsync(string purpose)
    {
        var name = $"bench-{purpose}-{Guid.NewGuid():N}";
        var escaped = Uri.EscapeDataString(name);
        (await _management.PutAsync($"vhosts/{escaped}", null)).EnsureSuccessStatusCode();
        (await _management.PutAsJsonAsync($"permissions/{escaped}/{Uri.EscapeDataString(Username)}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        return name;
    }

    /// <summary>Deletes a virtual host and its queues; best effort.</summary>
    public async Task DeleteVirtualHostAsync(string name)
    {
        try
        {
            using var response = await _management.DeleteAsync($"vhosts/{Uri.EscapeDataString(name)}");
        }
        catch (HttpRequestException)
        {
        }
        catch (TaskCanceledException)
        {
        }
    }

    /// <summary>
    /// The prefetch count of each queue's consumers, as the broker reports them (queue name → prefetch). The broker's
    /// statistics lag by a few seconds, so this may be empty right after a consumer started.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> PrefetchByQueueAsync(string virtualHost)
    {
        using var response = await _management.GetAsync($"consumers/{Uri.EscapeDataString(virtualHost)}");
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var prefetch = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var consumer in document.RootElement.EnumerateArray())
        {
            if (consumer.TryGetProperty("queue", out var queue) && queue.TryGetProperty("name", out var name)
                && consumer.TryGetProperty("prefetch_count", out var count))
                prefetch[name.GetString()!] = count.GetInt32();
        }

        return prefetch;
    }

    /// <summary>The settings that point a Switchyard host's bus at <paramref name="virtualHost"/>.</summary>
    public Dictionary<string, string?> BusSettings(string virtualHost) => new()
    {
        ["Bus:Transport"] = "RabbitMq",
        ["Bus:RabbitMq:Host"] = Host,
        ["Bus:RabbitMq:Port"] = Port.ToString(CultureInfo.InvariantCulture),
        ["Bus:RabbitMq:VirtualHost"] = virtualHost,
        ["Bus:RabbitMq:Username"] = Username,
        ["Bus:RabbitMq:Password"] = Password,
    };

    public void Dispose() => _management.Dispose();
}
