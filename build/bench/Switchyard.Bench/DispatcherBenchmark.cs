using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using MassTransit;
using Switchyard.Contracts.Triggers;
using Switchyard.Hosting;

namespace Switchyard.Bench;

/// <summary>
/// Events per second through the whole dispatch path on RabbitMQ (POST /events → receipt → broker → fan-out →
/// broker → delivery → HTTP POST to a fast local subscriber), against a bare MassTransit publish → consume of the
/// same payload on the same broker, in one run. Each round sends a fixed number of events and ends when the last one
/// arrived; rounds alternate between the two sides and the medians are shown.
/// </summary>
public static class DispatcherBenchmark
{
    sealed record Options(int Events, int Warmup, int Senders, int Rounds, TimeSpan Timeout);

    public static async Task<int> RunAsync(string[] args)
    {
        Options options;
        try
        {
            options = new Options((int)Arg(args, "--events", 5000), (int)Arg(args, "--warmup", 2000), (int)Arg(args, "--senders", 8),
                (int)Arg(args, "--rounds", 5), TimeSpan.FromSeconds(Arg(args, "--timeout", 120)));
        }
        catch (FormatException e)
        {
            return Fail($"bad argument: {e.Message}");
        }

        if (options.Events < 1 || options.Warmup < 0 || options.Senders < 1 || options.Rounds < 1 || options.Timeout <= TimeSpan.Zero)
            return Fail("--events, --senders and --rounds must be at least 1, --warmup at least 0, --timeout more than 0");

        using var broker = BenchBroker.FromEnvironment();
        if (broker is null)
            return Fail("no RabbitMQ broker: run build/bench/dispatcher.sh, or start one with build/rabbitmq.sh start and source build/.rabbitmq/env");

        var storagePath = Path.Combine(Path.GetTempPath(), $"switchyard-bench-{Guid.NewGuid():N}.db");
        var virtualHosts = new List<string>();
        FastSink? sink = null;
        DispatchPipeline? pipeline = null;
        BareBus? bare = null;
        try
        {
            try
            {
                virtualHosts.Add(await broker.CreateVirtualHostAsync("dispatch"));
                virtualHosts.Add(await broker.CreateVirtualHostAsync("baseline"));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return Fail($"cannot create virtual hosts through RabbitMQ's management API at {broker.ManagementUrl}: {e.Message}");
            }

            var apiKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            sink = await FastSink.StartAsync();
            pipeline = await DispatchPipeline.StartAsync(broker, virtualHosts[0], sink.Url, storagePath, apiKey, TimeSpan.FromSeconds(60));
            bare = await BareBus.StartAsync(broker, virtualHosts[1], TimeSpan.FromSeconds(60));

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Senders, UseProxy = false })
            {
                Timeout = TimeSpan.FromSeconds(30),
            };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await pipeline.GetTokenAsync(http, apiKey));
            var eventsUrl = new Uri(pipeline.BaseAddress, "events");

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Dispatcher benchmark: {options.Events} events per round, {options.Rounds} rounds (bare then pipeline; the median round's figures shown), " +
                $"{options.Senders} concurrent senders; {Environment.ProcessorCount} cores; RabbitMQ {broker.Host}:{broker.Port}, publisher confirms; " +
                $"payload {BenchPayload.Size} bytes; warm-up 2 × {options.Warmup} events each side, not counted"));

            var before = LoadAverage();
            var run = 0;
            // Two warm-up pairs: the code a round makes hot is recompiled (tiered, with PGO) in the background during
            // the rounds after it, which on a small machine takes cores from them; one pair left the first measured
            // round of each side at about half speed.
            for (var warmup = 0; warmup < 2 && options.Warmup > 0; warmup++)
            {
                await BareRoundAsync(bare, ++run, options.Warmup, options);
                await PipelineRoundAsync(http, eventsUrl, sink, ++run, options.Warmup, options);
            }

            var bareRounds = new List<DeliveryRound>();
            var pipelineRounds = new List<DeliveryRound>();
            for (var round = 0; round < options.Rounds; round++)
            {
                bareRounds.Add(await BareRoundAsync(bare, ++run, options.Events, options));
                pipelineRounds.Add(await PipelineRoundAsync(http, eventsUrl, sink, ++run, options.Events, options));
            }

            // Each round's pipeline run follows its bare run at once, so the ratio within a round is the least disturbed
            // by load that drifts over the run (other processes, the broker's own housekeeping).
            var ratios = bareRounds.Zip(pipelineRounds, (b, p) => p.EventsPerSecond / b.EventsPerSecond).ToList();
            Console.WriteLine();
            Console.WriteLine($"{"",-52}{"events/s",10}{"p50 ms",9}{"p95 ms",9}");
            Print("bare MassTransit: publish → consume", Median(bareRounds));
            Print("pipeline: POST /events → … → subscriber's sink", Median(pipelineRounds));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{"  ratio pipeline / bare (median of the rounds')",-52}{ratios.Order().ElementAt(ratios.Count / 2),10:0.00}"));
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  rounds, events/s bare → pipeline (ratio): {string.Join("; ", bareRounds.Zip(pipelineRounds, ratios).Select(r => $"{r.First.EventsPerSecond:0} → {r.Second.EventsPerSecond:0} ({r.Third:0.00})"))}"));
            Console.WriteLine($"  prefetch per consumer, from the broker (MassTransit's default, max(2 × cores, 16); concurrency = prefetch): " +
                              $"{await DescribePrefetchAsync(broker, virtualHosts[1])}; {await DescribePrefetchAsync(broker, virtualHosts[0])}");
            if (LoadAverage() is { } after)
                Console.WriteLine($"  load average (1 min) before and after: {before} and {after} on {Environment.ProcessorCount} cores; other work on the machine moves the absolute figures");
            var duplicates = pipelineRounds.Sum(r => r.Duplicates);
            Console.WriteLine($"  duplicate deliveries (same webhook-id) in measured rounds: {duplicates}; deliveries outside their round: {sink.Strays}; " +
                              $"baseline messages outside their round: {bare.Rounds.Strays}");
            return 0;
        }
        catch (BenchmarkFailedException e)
        {
            return Fail(e.Message);
        }
        catch (InvalidConfigurationException e)
        {
            return Fail($"the pipeline host's configuration is refused: {string.Join(" ", e.Problems)}");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Fail($"{e.GetType().Name}: {e.Message}");
        }
        finally
        {
            if (bare is not null)
                await bare.DisposeAsync();
            if (pipeline is not null)
                await pipeline.DisposeAsync();
            if (sink is not null)
                await sink.DisposeAsync();
            foreach (var virtualHost in virtualHosts)
                await broker.DeleteVirtualHostAsync(virtualHost);
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
                File.Delete(storagePath + suffix);
        }
    }

    static async Task<DeliveryRound> PipelineRoundAsync(HttpClient http, Uri eventsUrl, FastSink sink, int run, int events, Options options)
    {
        var round = new DeliveryRound(run, events);
        sink.Round = round;
        var next = -1;
        round.Started = Stopwatch.GetTimestamp();
        var deadline = round.Started + (long)(options.Timeout.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, options.Senders).Select(async _ =>
        {
            int sequence;
            while (!round.Done.IsFaulted && Stopwatch.GetTimestamp() < deadline && (sequence = Interlocked.Increment(ref next)) < events)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, eventsUrl) { Content = new ByteArrayContent(BenchPayload.EventBody(run, sequence)) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                round.Sent[sequence] = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.SendAsync(request);
                    if (response.StatusCode != HttpStatusCode.Accepted)
                    {
                        var body = await response.Content.ReadAsStringAsync();
                        round.Failed($"POST /events answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
                    }
                    else
                    {
                        await response.Content.LoadIntoBufferAsync();
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    round.Failed($"POST /events failed: {e.Message}");
                }
            }
        }));
        await CompletedAsync(round, options.Timeout, "the subscriber's sink", run);
        return round;
    }

    static async Task<DeliveryRound> BareRoundAsync(BareBus bare, int run, int events, Options options)
    {
        var round = new DeliveryRound(run, events);
        bare.Rounds.Current = round;
        var next = -1;
        round.Started = Stopwatch.GetTimestamp();
        var deadline = round.Started + (long)(options.Timeout.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, options.Senders).Select(async _ =>
        {
            int sequence;
            while (!round.Done.IsFaulted && Stopwatch.GetTimestamp() < deadline && (sequence = Interlocked.Increment(ref next)) < events)
            {
                // Built per event as the receipt builds it from the request: the payload parsed, a new id, the time.
                var sent = Stopwatch.GetTimestamp();
                using var payload = System.Text.Json.JsonDocument.Parse(BenchPayload.Json(run, sequence));
                var eventId = NewId.NextGuid();
                var message = new TriggerEventReceived
                {
                    EventId = eventId,
                    Type = BenchPayload.EventType,
                    Source = BenchPayload.Source,
                    Payload = payload.RootElement.Clone(),
                    ReceivedAt = DateTimeOffset.UtcNow,
                };
                round.Sent[sequence] = sent;
                try
                {
                    await bare.Bus.Publish(message, context =>
                    {
                        context.MessageId = eventId;
                        context.Mandatory = true;
                    });
                }
                catch (Exception e)
                {
                    round.Failed($"publishing to the bare bus failed: {e.GetType().Name}: {e.Message}");
                }
            }
        }));
        await CompletedAsync(round, options.Timeout, "the bare consumer", run);
        return round;
    }

    /// <summary>Waits for the round's last arrival, up to <paramref name="timeout"/> after its first send.</summary>
    static async Task CompletedAsync(DeliveryRound round, TimeSpan timeout, string where, int run)
    {
        var remaining = timeout - Stopwatch.GetElapsedTime(round.Started);
        try
        {
            await round.Done.WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
        }
        catch (TimeoutException)
        {
            throw new BenchmarkFailedException(string.Create(CultureInfo.InvariantCulture,
                $"only {round.Distinct} of {round.Count} events reached {where} within {timeout.TotalSeconds:0} s of the round's first send (round {run}; --timeout sets the deadline)"));
        }
        catch (InvalidOperationException)
        {
            throw new BenchmarkFailedException($"{round.FirstError} ({round.Errors} failed sends in round {run})");
        }
    }

    static async Task<string> DescribePrefetchAsync(BenchBroker broker, string virtualHost)
    {
        // The management API's consumer list trails the broker by its statistics interval (5 s by default).
        var deadline = Stopwatch.GetTimestamp() + 15 * Stopwatch.Frequency;
        while (true)
        {
            try
            {
                var prefetch = await broker.PrefetchByQueueAsync(virtualHost);
                if (prefetch.Count > 0)
                    return string.Join(", ", prefetch.Select(p => $"{p.Key} {p.Value}"));
            }
            catch (HttpRequestException)
            {
            }

            if (Stopwatch.GetTimestamp() >= deadline)
                return "(not reported)";
            await Task.Delay(250);
        }
    }

    /// <summary>The 1-minute load average, where the system tells it.</summary>
    static string? LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    static DeliveryRound Median(List<DeliveryRound> rounds) => rounds.OrderBy(r => r.EventsPerSecond).ElementAt(rounds.Count / 2);

    static void Print(string label, DeliveryRound round)
    {
        var (p50, p95) = round.Latency();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"  " + label,-52}{round.EventsPerSecond,10:0}{p50,9:0.00}{p95,9:0.00}"));
    }

    static int Fail(string message)
    {
        Console.Error.WriteLine($"dispatch benchmark: {message}");
        return 1;
    }

    static double Arg(string[] args, string name, double fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? double.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}

/// <summary>The benchmark cannot give a result; the message says why, in one line.</summary>
public sealed class BenchmarkFailedException(string message) : Exception(message);
