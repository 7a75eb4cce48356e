using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Switchyard.Bench;

/// <summary>
/// Drives the receipt and the bare Kestrel baseline (both in a server process of their own) with signed HubSpot
/// batches of 1 and of 100 events: first as fast as they answer, then paced at half the receipt's saturating rate,
/// where latency is measured from each request's scheduled time so that a stall is not hidden.
/// </summary>
public static class ReceiptBenchmark
{
    sealed record Options(TimeSpan Warmup, TimeSpan Duration, int Concurrency, int Rounds);

    sealed class Target(string name, Uri url)
    {
        long _acknowledgedEvents;

        public string Name { get; } = name;

        public Uri Url { get; } = url;

        /// <summary>Events this target answered 200 for.</summary>
        public long AcknowledgedEvents => Interlocked.Read(ref _acknowledgedEvents);

        public void Acknowledged(int events) => Interlocked.Add(ref _acknowledgedEvents, events);
    }

    sealed record Body(string Name, int Events, byte[] Bytes);

    sealed record Stats(int Requests, int Errors, double Seconds, double P50, double P99)
    {
        public double RequestsPerSecond => Requests / Seconds;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Options(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(Arg(args, "--seconds", 5)), (int)Arg(args, "--concurrency", 32),
            (int)Arg(args, "--rounds", 3));
        using var server = StartServer(out var urls);
        var receipt = new Target("receipt", new Uri(urls["receipt"] + "/webhooks/hubspot"));
        var withConsumer = new Target("receipt + consumer in process", new Uri(urls["consumer"] + "/webhooks/hubspot"));
        var bare = new Target("bare Kestrel", new Uri(urls["bare"] + "/webhooks/hubspot"));
        // --quick: single events, saturating only (for comparing changes quickly).
        var quick = args.Contains("--quick");
        Body[] bodies = quick ? [Batch("1 event", 1)] : [Batch("1 event", 1), Batch("100 events", 100)];

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, UseProxy = false })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };

        Console.WriteLine($"Receipt benchmark: {options.Concurrency} connections; per scenario {options.Rounds} rounds of {options.Duration.TotalSeconds:0} s, " +
                          $"baseline and receipt alternating, medians shown; {Environment.ProcessorCount} cores; in-memory transport; v3 signatures verified");
        Console.WriteLine();
        Console.WriteLine($"{"saturating",-46}{"requests/s",11}{"events/s",11}{"p50 ms",9}{"p99 ms",9}{"errors",8}");

        var saturated = new Dictionary<(string, string), Stats>();
        foreach (var body in bodies)
        {
            // Alternating rounds, so that a noisy neighbour or a GC phase weighs on both sides alike.
            Target[] targets = [bare, receipt, withConsumer];
            var rounds = targets.ToDictionary(t => t, _ => new List<Stats>());
            foreach (var target in targets)
                await SaturateAsync(http, target, body, options with { Duration = options.Warmup });
            for (var round = 0; round < options.Rounds; round++)
            {
                foreach (var target in targets)
                {
                    rounds[target].Add(await SaturateAsync(http, target, body, options));
                    // The in-process consumer may still be working off a backlog; the next run starts when it is done.
                    if (target == withConsumer)
                        await DrainedAsync(http, withConsumer);
                }
            }

            foreach (var target in targets)
            {
                var median = rounds[target].OrderBy(r => r.RequestsPerSecond).ElementAt(rounds[target].Count / 2);
                saturated[(target.Name, body.Name)] = median;
                Print($"{target.Name}, {body.Name}", median, body.Events);
            }

            foreach (var target in new[] { receipt, withConsumer })
            {
                var ratio = saturated[(target.Name, body.Name)].RequestsPerSecond / saturated[(bare.Name, body.Name)].RequestsPerSecond;
                Console.WriteLine($"{"  ratio " + target.Name + " / bare",-46}{ratio.ToString("0.00", CultureInfo.InvariantCulture),11}");
            }
        }

        if (quick)
        {
            await server.StandardInput.WriteLineAsync();
            await server.WaitForExitAsync();
            return 0;
        }

        Console.WriteLine();
        Console.WriteLine($"{"paced at half the receipt's rate",-46}{"requests/s",11}{"events/s",11}{"p50 ms",9}{"p99 ms",9}{"errors",8}");
        foreach (var body in bodies)
        {
            var rate = saturated[(receipt.Name, body.Name)].RequestsPerSecond / 2;
            foreach (var target in new[] { bare, receipt })
            {
                var stats = await PacedAsync(http, target, body, rate, options.Duration, options.Concurrency * 2);
                Print($"{target.Name}, {body.Name}", stats, body.Events);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"The in-process consumer drained {await DrainedAsync(http, withConsumer)} events; its receipt acknowledged {withConsumer.AcknowledgedEvents}.");
        await server.StandardInput.WriteLineAsync();
        await server.WaitForExitAsync();
        return 0;
    }

    public static async Task<int> LoadAsync(string[] args)
    {
        var options = new Options(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(Arg(args, "--seconds", 10)), (int)Arg(args, "--concurrency", 32), 1);
        var receiptUrl = args[0].TrimEnd('/');
        var events = int.Parse(args[1], CultureInfo.InvariantCulture);
        var body = Batch($"{events} events", events);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, UseProxy = false });
        var target = new Target("receipt", new Uri(receiptUrl + "/webhooks/hubspot"));
        await SaturateAsync(http, target, body, options with { Duration = options.Warmup });
        Print("receipt, " + body.Name, await SaturateAsync(http, target, body, options), events);
        return 0;
    }

    static async Task<long> DrainedAsync(HttpClient http, Target target)
    {
        var consumed = new Uri(target.Url, "/bench/consumed");
        var deadline = Stopwatch.GetTimestamp() + 120 * Stopwatch.Frequency;
        long drained;
        while ((drained = long.Parse(await http.GetStringAsync(consumed), CultureInfo.InvariantCulture)) < target.AcknowledgedEvents
               && Stopwatch.GetTimestamp() < deadline)
            await Task.Delay(100);
        return drained;
    }

    static async Task<Stats> SaturateAsync(HttpClient http, Target target, Body body, Options options)
    {
        var latencies = new List<double>[options.Concurrency];
        var errors = 0;
        var started = Stopwatch.GetTimestamp();
        var stopAt = started + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(4096);
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var sent = Stopwatch.GetTimestamp();
                if (!await SendAsync(http, target, body))
                    Interlocked.Increment(ref errors);
                mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            }
        }));
        return Summarise(latencies.SelectMany(l => l).ToList(), errors, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    static async Task<Stats> PacedAsync(HttpClient http, Target target, Body body, double rate, TimeSpan duration, int workers)
    {
        // Request i is due at start + i / rate. Each worker takes every workers-th request, waits for its time and
        // measures from that time, not from when it got round to sending: a stall shows as latency, as it would to
        // HubSpot (no coordinated omission). The workers' own timer adds up to about a millisecond.
        var total = (int)(rate * duration.TotalSeconds);
        var latencies = new double[total];
        var errors = 0;
        var started = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 10;
        var ticksPerRequest = Stopwatch.Frequency / rate;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
        {
            for (var index = worker; index < total; index += workers)
            {
                var scheduled = started + (long)(index * ticksPerRequest);
                var wait = TimeSpan.FromTicks((scheduled - Stopwatch.GetTimestamp()) * TimeSpan.TicksPerSecond / Stopwatch.Frequency);
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait);
                if (!await SendAsync(http, target, body))
                    Interlocked.Increment(ref errors);
                latencies[index] = (Stopwatch.GetTimestamp() - scheduled) * 1000.0 / Stopwatch.Frequency;
            }
        }));
        return Summarise(latencies.ToList(), errors, (Stopwatch.GetTimestamp() - started) / (double)Stopwatch.Frequency);
    }

    static async Task<bool> SendAsync(HttpClient http, Target target, Body body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(body.Bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        // Both endpoints get the same signed request; only the receipt checks it.
        request.Headers.Add("X-HubSpot-Signature-v3", Sign(target.Url.AbsoluteUri, body.Bytes, timestamp));
        request.Headers.Add("X-HubSpot-Request-Timestamp", timestamp);
        try
        {
            using var response = await http.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            if (response.StatusCode != HttpStatusCode.OK)
                return false;
            target.Acknowledged(body.Events);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    static string Sign(string uri, byte[] body, string timestamp) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ReceiptServers.ClientSecret),
            (byte[])[.. Encoding.UTF8.GetBytes("POST" + uri), .. body, .. Encoding.UTF8.GetBytes(timestamp)]));

    static Stats Summarise(List<double> latencies, int errors, double seconds)
    {
        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? 0 : latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * p))];
        return new Stats(latencies.Count, errors, seconds, Percentile(0.50), Percentile(0.99));
    }

    static void Print(string label, Stats stats, int eventsPerRequest) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"  " + label,-46}{stats.RequestsPerSecond,11:0}{stats.RequestsPerSecond * eventsPerRequest,11:0}{stats.P50,9:0.00}{stats.P99,9:0.00}{stats.Errors,8}"));

    static Body Batch(string name, int events)
    {
        var occurredAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var json = "[" + string.Join(",", Enumerable.Range(1, events).Select(i =>
            $$"""{"eventId":{{i}},"subscriptionId":1234,"portalId":62515,"appId":98765,"occurredAt":{{occurredAt}},"subscriptionType":"deal.propertyChange","attemptNumber":0,"objectId":{{1000 + i}},"changeSource":"CRM_UI","propertyName":"amount","propertyValue":"{{i * 100}}"}""")) + "]";
        return new Body(name, events, Encoding.UTF8.GetBytes(json));
    }

    static Process StartServer(out Dictionary<string, string> urls)
    {
        var self = typeof(ReceiptBenchmark).Assembly.Location;
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            start.ArgumentList.Add(self);
        start.ArgumentList.Add("serve-receipt");
        var server = Process.Start(start)!;
        while (server.StandardOutput.ReadLine() is { } line)
        {
            if (!line.StartsWith("ready ", StringComparison.Ordinal))
                continue;
            urls = line.Split(' ').Skip(1).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            return server;
        }

        throw new InvalidOperationException("The benchmark server did not start.");
    }

    static double Arg(string[] args, string name, double fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? double.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
