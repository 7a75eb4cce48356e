using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Hosting.ErrorQueues;
using Switchyard.Operator.Brokers.AdminApi;
using Switchyard.Receipt;
using Switchyard.Testing;

namespace Switchyard.Operator.Tests.InMemory;

/// <summary>
/// A host on the in-memory transport over real loopback HTTP, as AllInOne composes it: the receipt (which issues
/// tokens) and <see cref="JobsModule"/>, with an admin client and one that is not.
/// </summary>
internal sealed class OperatorHost : IAsyncDisposable
{
    public const string Admin = "ops";
    public const string AdminKey = "ops-key-9f8e7d6c5b4a";
    public const string Viewer = "viewer";
    public const string ViewerKey = "viewer-key-1a2b3c4d5e6f";

    readonly List<AdminApiErrorQueueBroker> _brokers = [];

    OperatorHost(SwitchyardTestHost host, LogRecorder logs)
    {
        Host = host;
        Logs = logs;
        Operator = Broker(Admin, AdminKey);
    }

    /// <summary>The operator's client, as the admin client; one per host, so that it asks for one token.</summary>
    public AdminApiErrorQueueBroker Operator { get; }

    public SwitchyardTestHost Host { get; }

    public JobLog Jobs => Host.Services.GetRequiredService<JobLog>();

    public static string ErrorQueue => ErrorQueueNames.ErrorQueueOf(JobsModule.Queue);

    public static string SkippedQueue => JobsModule.Queue + ErrorQueueNames.SkippedSuffix;

    /// <summary>What the host logged at warning and above.</summary>
    public LogRecorder Logs { get; }

    public static async Task<OperatorHost> StartAsync(IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var logs = new LogRecorder();
        var host = await SwitchyardTestHost.StartAsync([new ReceiptModule(), new JobsModule()], Settings.Concat(settings ?? []),
            builder => builder.Logging.AddProvider(logs));
        return new OperatorHost(host, logs);
    }

    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Bus:Transport"] = "InMemory",
        ["Auth:ApiKeys:0:Name"] = Admin,
        ["Auth:ApiKeys:0:Key"] = AdminKey,
        ["Auth:ApiKeys:1:Name"] = Viewer,
        ["Auth:ApiKeys:1:Key"] = ViewerKey,
        ["Operator:AdminClients:0"] = Admin,
    };

    /// <summary>Another client of the operator endpoints, as <paramref name="client"/>.</summary>
    public AdminApiErrorQueueBroker Broker(string client, string key)
    {
        var broker = AdminApiErrorQueueBroker.Create(Host.BaseAddress, client, key);
        _brokers.Add(broker);
        return broker;
    }

    /// <summary>Sends a job straight to the jobs queue with a header of the sender's, returning its message id.</summary>
    public async Task<Guid> SendAsync<T>(T message) where T : class
    {
        var id = NewId.NextGuid();
        var endpoint = await Host.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"queue:{JobsModule.Queue}"));
        await endpoint.Send(message, context =>
        {
            context.MessageId = id;
            context.Headers.Set("X-Tenant", "acme");
        }, TestContext.Current.CancellationToken);
        return id;
    }

    /// <summary>Waits until the jobs queue's error (or skipped) queue holds <paramref name="count"/> messages.</summary>
    public async Task<QueueStatus> WaitForAsync(Func<QueueStatus, long> count, long expected, string what)
    {
        QueueStatus? status = null;
        await Poll.UntilAsync(async () =>
        {
            var queues = await Operator.GetQueuesAsync(TestContext.Current.CancellationToken);
            status = queues.Single(q => q.Name == JobsModule.Queue);
            return count(status) == expected;
        }, what);
        return status!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var broker in _brokers)
            await broker.DisposeAsync();
        await Host.DisposeAsync();
    }
}
