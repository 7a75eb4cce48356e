using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Xunit;

namespace Switchyard.Testing;

/// <summary>
/// The real RabbitMQ broker that <c>build/rabbitmq.sh start</c> runs, found through the <c>SWITCHYARD_RABBITMQ_*</c>
/// variables it prints. Each test gets a virtual host of its own, so tests never see each other's queues.
/// </summary>
public sealed class RabbitMqBroker
{
    RabbitMqBroker(string host, int port, int managementPort, string username, string password)
    {
        Host = host;
        Port = port;
        Username = username;
        Password = password;
        ManagementApi = new Uri($"http://{host}:{managementPort}/");
        Management = new HttpClient { BaseAddress = new Uri(ManagementApi, "api/") };
        Management.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
    }

    /// <summary>Broker host.</summary>
    public string Host { get; }

    /// <summary>AMQP port.</summary>
    public int Port { get; }

    /// <summary>User name.</summary>
    public string Username { get; }

    /// <summary>Password.</summary>
    public string Password { get; }

    /// <summary>The management plugin's base address, e.g. <c>http://127.0.0.1:15672/</c>.</summary>
    public Uri ManagementApi { get; }

    internal HttpClient Management { get; }

    static readonly Lazy<RabbitMqBroker?> Configured = new(() =>
    {
        var host = Environment.GetEnvironmentVariable("SWITCHYARD_RABBITMQ_HOST");
        var port = Environment.GetEnvironmentVariable("SWITCHYARD_RABBITMQ_PORT");
        var management = Environment.GetEnvironmentVariable("SWITCHYARD_RABBITMQ_MANAGEMENT_PORT");
        if (string.IsNullOrEmpty(host) || !int.TryParse(port, out var amqp) || !int.TryParse(management, out var http))
            return null;
        return new RabbitMqBroker(host, amqp, http,
            Environment.GetEnvironmentVariable("SWITCHYARD_RABBITMQ_USERNAME") ?? "guest",
            Environment.GetEnvironmentVariable("SWITCHYARD_RABBITMQ_PASSWORD") ?? "guest");
    });

    /// <summary>
    /// The broker, or a skipped test that says how to get one. <c>build/test.sh</c> always starts one, so the suite run
    /// by CI never skips these.
    /// </summary>
    public static RabbitMqBroker Require()
    {
        Assert.SkipWhen(Configured.Value is null,
            "No RabbitMQ broker: run the suite with build/test.sh, or start one with 'build/rabbitmq.sh start' and " +
            "source build/.rabbitmq/env before dotnet test.");
        return Configured.Value!;
    }

    /// <summary>Creates a fresh virtual host, deleted when the returned object is disposed.</summary>
    public async Task<RabbitMqVirtualHost> CreateVirtualHostAsync(string purpose)
    {
        var name = $"test-{purpose}-{Guid.NewGuid():N}"[..Math.Min(60, purpose.Length + 38)];
        var escaped = Uri.EscapeDataString(name);
        (await Management.PutAsync($"vhosts/{escaped}", null)).EnsureSuccessStatusCode();
        (await Management.PutAsJsonAsync($"permissions/{escaped}/{Uri.EscapeDataString(Username)}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        return new RabbitMqVirtualHost(this, name);
    }
}

/// <summary>A virtual host of the test broker, with exact queue inspection over AMQP.</summary>
public sealed class RabbitMqVirtualHost(RabbitMqBroker broker, string name) : IAsyncDisposable
{
    /// <summary>The virtual host's name.</summary>
    public string Name { get; } = name;

    /// <summary>The settings that point a Switchyard host's bus at this virtual host.</summary>
    public IReadOnlyDictionary<string, string?> BusSettings => new Dictionary<string, string?>
    {
        ["Bus:Transport"] = "RabbitMq",
        ["Bus:RabbitMq:Host"] = broker.Host,
        ["Bus:RabbitMq:Port"] = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Bus:RabbitMq:VirtualHost"] = Name,
        ["Bus:RabbitMq:Username"] = broker.Username,
        ["Bus:RabbitMq:Password"] = broker.Password,
    };

    /// <summary>The number of ready messages in a queue, or null when the queue does not exist.</summary>
    public async Task<uint?> CountMessagesAsync(string queue)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (OperationInterruptedException)
        {
            return null;
        }
    }

    /// <summary>
    /// The queue as the management API describes it (arguments, consumers and their activity), or null when it does
    /// not exist. Consumer details lag the broker by up to its statistics interval: poll for them.
    /// </summary>
    public async Task<JsonElement?> DescribeQueueAsync(string queue)
    {
        using var response = await broker.Management.GetAsync($"queues/{Uri.EscapeDataString(Name)}/{Uri.EscapeDataString(queue)}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            return null;
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>Reads up to <paramref name="max"/> messages without removing them (they are requeued when the channel closes).</summary>
    public async Task<IReadOnlyList<BrokerMessage>> PeekAsync(string queue, int max = 100)
    {
        await using var connection = await ConnectAsync();
        await using var channel = await connection.CreateChannelAsync();
        var messages = new List<BrokerMessage>();
        while (messages.Count < max && await channel.BasicGetAsync(queue, autoAck: false) is { } result)
        {
            var headers = (result.BasicProperties.Headers ?? new Dictionary<string, object?>())
                .ToDictionary(h => h.Key, h => h.Value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : h.Value?.ToString());
            messages.Add(new BrokerMessage(result.BasicProperties.MessageId, headers, Encoding.UTF8.GetString(result.Body.Span)));
        }

        return messages;
    }

    Task<IConnection> ConnectAsync() => new ConnectionFactory
    {
        HostName = broker.Host,
        Port = broker.Port,
        VirtualHost = Name,
        UserName = broker.Username,
        Password = broker.Password,
    }.CreateConnectionAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var response = await broker.Management.DeleteAsync($"vhosts/{Uri.EscapeDataString(Name)}");
    }
}

/// <summary>A message read from a queue: its AMQP message id, headers (strings decoded) and body.</summary>
public sealed record BrokerMessage(string? MessageId, IReadOnlyDictionary<string, string?> Headers, string Body);
