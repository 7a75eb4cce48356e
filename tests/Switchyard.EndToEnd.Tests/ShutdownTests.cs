using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Switchyard.Dispatcher;
using Switchyard.Processor;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// The host binaries told to stop (SIGTERM, as docker and Kubernetes do) in the middle of a burst of webhooks: each
/// stops within its shutdown timeout, and nothing the receipt acknowledged is lost on RabbitMQ.
/// </summary>
public class ShutdownTests
{
    /// <summary>The hosts' shutdown timeout in these tests (the default is 8 s).</summary>
    static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How much later than its timeout a process may end on a loaded machine: the runtime's own exit, and the time a
    /// busy machine takes to run it. The behaviour this guards against took minutes.
    /// </summary>
    static readonly TimeSpan ExitSlack = TimeSpan.FromSeconds(30);

    static readonly Dictionary<string, string?> ShutdownSettings = new()
    {
        ["Shutdown:Timeout"] = "00:00:10",
        ["Shutdown:DrainDelay"] = "00:00:01",
        ["Shutdown:ConsumerStopTimeout"] = "00:00:02",
        ["Logging:Console:FormatterName"] = "json",
    };

    static StringContent Batch(IEnumerable<long> objectIds) => new("[" + string.Join(",", objectIds.Select(id =>
        $$"""{"eventId":{{id}},"subscriptionId":1,"portalId":62515,"appId":2,"occurredAt":1763800000000,"subscriptionType":"deal.creation","attemptNumber":0,"objectId":{{id}}}"""))
        + "]", Encoding.UTF8, "application/json");

    [Fact]
    public async Task On_RabbitMQ_SIGTERM_during_a_burst_stops_every_host_within_its_timeout_and_every_acknowledged_event_is_consumed_after_a_restart()
    {
        var broker = RabbitMqBroker.Require();
        await using var virtualHost = await broker.CreateVirtualHostAsync("shutdown");
        await using var crm = await CrmEmulators.StartAsync();
        await using var subscriber = await WebhookSink.StartAsync();
        using var storage = TestStorage.For(null);
        var ports = (Receipt: FreePort.Next(), Processor: FreePort.Next(), Dispatcher: FreePort.Next());
        var common = new Dictionary<string, string?>(virtualHost.BusSettings);
        foreach (var (key, value) in ShutdownSettings)
            common[key] = value;
        var processorSettings = new Dictionary<string, string?>(common) { ["Urls"] = $"http://127.0.0.1:{ports.Processor}" };
        foreach (var (key, value) in crm.ProcessorSettings)
            processorSettings[key] = value;
        var dispatcherSettings = new Dictionary<string, string?>(common)
        {
            ["Urls"] = $"http://127.0.0.1:{ports.Dispatcher}",
            [TestStorage.ConnectionStringKey] = storage.Settings[TestStorage.ConnectionStringKey],
            ["Dispatcher:Subscriptions:0:Id"] = "subscriber",
            ["Dispatcher:Subscriptions:0:Url"] = subscriber.Url().ToString(),
            ["Dispatcher:Subscriptions:0:Events:0"] = "*",
            ["Dispatcher:Subscriptions:0:Secrets:0"] = RabbitMqPipeline.SubscriberSecret,
            ["Dispatcher:Delivery:AllowedNetworks:0"] = "127.0.0.0/8",
        };
        var receiptSettings = new Dictionary<string, string?>(common) { ["Urls"] = $"http://127.0.0.1:{ports.Receipt}" };

        // Consumers first, so that the receipt's events have queues to go to.
        var processor = HostProcess.Processor(HostProcess.Arguments(processorSettings));
        var dispatcher = HostProcess.Dispatcher(HostProcess.Arguments(dispatcherSettings));
        await using var firstProcessor = processor;
        await using var firstDispatcher = dispatcher;
        await WaitUntilReadyAsync(ports.Processor, processor);
        await WaitUntilReadyAsync(ports.Dispatcher, dispatcher);
        await using var receipt = HostProcess.Receipt(HostProcess.Arguments(receiptSettings));
        await WaitUntilReadyAsync(ports.Receipt, receipt);

        // Deliveries take a moment, so that some are at work when the dispatcher is told to stop.
        subscriber.RespondWith(async (_, cancellation) =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellation);
            return 204;
        });

        var acknowledged = new ConcurrentBag<long>();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports.Receipt}/"), Timeout = TimeSpan.FromSeconds(30) };
        using var stopSending = new CancellationTokenSource();
        var nextId = 1_000_000L;
        var senders = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stopSending.IsCancellationRequested)
            {
                var ids = Enumerable.Range(0, 10).Select(_ => Interlocked.Increment(ref nextId)).ToList();
                try
                {
                    using var response = await client.PostAsync(new Uri("webhooks/hubspot", UriKind.Relative), Batch(ids), CancellationToken.None);
                    // Only a 200 acknowledges; HubSpot sends anything else again.
                    if (response.StatusCode == HttpStatusCode.OK)
                        ids.ForEach(acknowledged.Add);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // The receipt has stopped taking connections, or cut one short as it stopped: not acknowledged.
                }
            }
        })).ToList();

        await Poll.UntilAsync(() => acknowledged.Count >= 200 && subscriber.Requests.Count >= 10, "the burst to be under way end to end", HostProcess.StartupTimeout);
        var hosts = new[] { receipt, processor, dispatcher };
        var terminated = System.Diagnostics.Stopwatch.StartNew();
        var exits = hosts.Select(async host =>
        {
            host.Terminate();
            var code = await host.WaitForExitAsync(ShutdownTimeout + ExitSlack);
            return (Code: code, After: terminated.Elapsed);
        }).ToList();
        var exited = await Task.WhenAll(exits);
        var exitCodes = exited.Select(e => e.Code).ToList();
        await stopSending.CancelAsync();
        await Task.WhenAll(senders);
        var deliveredBeforeRestart = DeliveredObjectIds(subscriber).Count;

        exitCodes.ShouldAllBe(code => code == 0);
        // Each went through its whole stop (the last step logs it), rather than being cut short.
        hosts.ShouldAllBe(host => StoppedGracefully(host));

        // Whatever was at work or waiting went back to the broker: new consumers finish it.
        await using var secondProcessor = HostProcess.Processor(HostProcess.Arguments(processorSettings));
        await using var secondDispatcher = HostProcess.Dispatcher(HostProcess.Arguments(dispatcherSettings));
        var expected = acknowledged.ToHashSet();
        await Poll.UntilAsync(() => expected.IsSubsetOf(DeliveredObjectIds(subscriber)),
            $"a delivery for each of the {expected.Count} acknowledged events", TimeSpan.FromMinutes(10));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{expected.Count} events acknowledged; {deliveredBeforeRestart} delivered before the stop, the rest after the restart; " +
            $"receipt, processor, dispatcher exited after {string.Join(", ", exited.Select(e => $"{e.After.TotalSeconds:0.0} s"))}");

        // Stopping failed nothing: a cancelled consumer's message goes back to its queue, never to an error queue.
        foreach (var queue in new[] { ProcessorModule.EndpointName, ProcessorModule.SyncEndpointName, DispatcherModule.EndpointName, DispatcherModule.DeliveryEndpointName })
            (await virtualHost.CountMessagesAsync(queue + "_error") ?? 0).ShouldBe(0u, $"{queue}_error");
    }

    [Fact]
    public async Task AllInOne_told_to_stop_while_deliveries_pile_up_exits_within_its_timeout_and_logs_how_many_accepted_messages_it_dropped()
    {
        await using var hanging = await WebhookSink.StartAsync();
        // A subscriber that never answers: deliveries to it pile up, as they did against a sample subscriber that had stopped.
        hanging.RespondWith(async (_, cancellation) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellation);
            return 204;
        });
        using var storage = TestStorage.For(null);
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        await using var allInOne = HostProcess.AllInOne([
            $"--Urls={baseAddress}",
            $"--Dispatcher:Subscriptions:0:Url={baseAddress}sample-subscriber",
            "--Dispatcher:Subscriptions:1:Id=hanging",
            $"--Dispatcher:Subscriptions:1:Url={hanging.Url()}",
            "--Dispatcher:Subscriptions:1:Events:0=*",
            $"--Dispatcher:Subscriptions:1:Secrets:0={RabbitMqPipeline.SubscriberSecret}",
            $"--{TestStorage.ConnectionStringKey}={storage.Settings[TestStorage.ConnectionStringKey]}",
            // Room for a busy machine to confirm a batch of a hundred (the default is 3 s).
            "--Receipt:PublishTimeout=00:00:30",
            .. HostProcess.Arguments(ShutdownSettings)]);
        await allInOne.WaitForOutputAsync("Send HubSpot webhooks to POST");

        using var client = new HttpClient { BaseAddress = baseAddress };
        for (var batch = 0; batch < 3; batch++)
        {
            using var response = await client.PostAsync(new Uri("webhooks/hubspot", UriKind.Relative),
                Batch(Enumerable.Range(0, 100).Select(i => 2_000_000L + (batch * 100) + i)), TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        await Poll.UntilAsync(() => hanging.Requests.Count >= 32, "deliveries to the hanging subscriber to fill the dispatcher's slots");
        allInOne.Terminate();
        var exitCode = await allInOne.WaitForExitAsync(ShutdownTimeout + ExitSlack);

        exitCode.ShouldBe(0);
        StoppedGracefully(allInOne).ShouldBeTrue();
        // The whole count, not the "at least" of a stop the timeout cut short; the line carries its figures as properties.
        var dropped = Logs(allInOne).Where(log => From(log, "Switchyard.Hosting.Shutdown.InMemory.InMemoryShutdownLedger")
                && Message(log).StartsWith("The in-memory transport dropped ", StringComparison.Ordinal)
                && !Message(log).StartsWith("The in-memory transport dropped at least", StringComparison.Ordinal))
            .ShouldHaveSingleItem();
        var count = dropped.GetProperty("Dropped").GetInt32();
        TestContext.Current.TestOutputHelper?.WriteLine(Message(dropped));
        // At least the deliveries at work and those queued behind them; each counted under one reason.
        count.ShouldBeGreaterThanOrEqualTo(32);
        count.ShouldBe(dropped.GetProperty("Queued").GetInt32() + dropped.GetProperty("InProgress").GetInt32()
                       + dropped.GetProperty("Delayed").GetInt32() + dropped.GetProperty("SentWhileStopping").GetInt32());
        dropped.GetProperty("InProgress").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
    }

    static async Task WaitUntilReadyAsync(int port, HostProcess host)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        await Poll.UntilAsync(async () =>
        {
            if (host.HasExited)
                throw new InvalidOperationException($"The host exited with {host.ExitCode}:\n{string.Join('\n', host.Output.Concat(host.Errors))}");
            try
            {
                using var response = await client.GetAsync(new Uri("health/ready", UriKind.Relative));
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, $"the host on port {port} to be ready", HostProcess.StartupTimeout);
    }

    static IEnumerable<JsonElement> Logs(HostProcess host) =>
        host.Output.Where(line => line.StartsWith('{')).Select(line => JsonDocument.Parse(line).RootElement.Clone());

    /// <summary>Whether the host logged the last step of its stop ("Stopped in ...").</summary>
    static bool StoppedGracefully(HostProcess host) =>
        Logs(host).Count(log => From(log, "Switchyard.Hosting.Shutdown.ShutdownSequence") && Message(log).StartsWith("Stopped in ", StringComparison.Ordinal)) == 1;

    /// <summary>The rendered message of a compact JSON line (CLEF).</summary>
    static string Message(JsonElement log) => log.TryGetProperty("@m", out var message) ? message.GetString() ?? "" : "";

    static bool From(JsonElement log, string category) =>
        log.TryGetProperty("SourceContext", out var source) && source.GetString() == category;

    static HashSet<long> DeliveredObjectIds(WebhookSink subscriber) =>
        subscriber.Requests.Select(r => r.Json)
            .Where(body => body.GetProperty("type").GetString() == "sync.skipped")
            .Select(body => body.GetProperty("data").GetProperty("objectId").GetInt64())
            .ToHashSet();
}
