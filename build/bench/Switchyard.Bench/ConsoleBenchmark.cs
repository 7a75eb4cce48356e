using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MassTransit;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Switchyard.Dispatcher;
using Switchyard.Dispatcher.Delivery;
using Switchyard.Dispatcher.Storage;
using Switchyard.Hosting;
using Switchyard.Hosting.ErrorQueues;
using Switchyard.Hosting.ErrorQueues.InMemory;
using Switchyard.WebConsole;
using Switchyard.WebConsole.ReadModel;

namespace Switchyard.Bench;

/// <summary>
/// How fast the console's pages render with full stores: the dispatcher and the console in one host on the in-memory
/// transport (as in AllInOne), seeded with 10,000 delivery attempts, 1,000 failed messages in five groups and 1,000
/// deals; then each page is fetched by one signed-in operator, after a warm-up, and its p50/p95/max printed with its
/// p95 as a ratio to the baseline's (the sign-in page, fetched before each request of the page: same server, same moments).
/// </summary>
internal static partial class ConsoleBenchmark
{
    const string Client = "bench-operator";
    const string Key = "bench-operator-key-0123456789";
    const int Budget = 200;
    const string Baseline = "console/sign-in";
    static readonly string[] DeliverWebhookMessageType = ["urn:message:Switchyard.Contracts.Delivery:DeliverWebhook"];

    public static async Task<int> RunAsync(string[] args)
    {
        var samples = Option(args, "--samples", 100);
        var warmup = Option(args, "--warmup", 10);
        var deliveries = Option(args, "--deliveries", 10_000);
        var failed = Option(args, "--failed", 1_000);
        var deals = Option(args, "--deals", 1_000);
        var data = Path.Combine(Path.GetTempPath(), "switchyard-console-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        try
        {
            await using var app = await StartAsync(data);
            var baseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/");
            Console.WriteLine($"Seeding {deliveries:#,0} delivery attempts, {failed:#,0} failed messages and {deals:#,0} deals ...");
            var (attemptId, messageId) = await SeedAsync(app.Services, deliveries, failed, deals);

            using var http = await SignInAsync(baseAddress);
            var failedPage = await http.GetStringAsync(new Uri("console/failed", UriKind.Relative));
            var group = GroupAttribute().Match(failedPage).Groups[1].Value;
            string[] pages =
            [
                "", "console?handler=Figures", "console/failed", $"console/failed/group/{group}", $"console/failed/message/{messageId}",
                // The failed-messages pages share one read of the broker for a few seconds; these read it on every request
                // (the pages' "Read again now"), which is what the first view after a read has grown old pays.
                "console/failed?fresh=true", $"console/failed/group/{group}?fresh=true", $"console/failed/message/{messageId}?fresh=true",
                "console/webhooks", "console/deliveries", "console/deliveries?subscription=bench&outcome=failed", $"console/deliveries/{attemptId}",
                "console/deals", "console/deals?q=Opportunity%2042",
            ];

            Console.WriteLine($"{samples} requests per page after {warmup} warm-up requests, one at a time; budget p95 < {Budget} ms");
            Console.WriteLine($"Baseline: /{Baseline} (the same server's sign-in page: a Razor page with its layout and antiforgery token, no data), " +
                              "fetched before each request of each page, so a page's ratio compares two figures measured in the same moments.");
            Console.WriteLine($"Load average at the start: {LoadAverage()}");
            Console.WriteLine($"{"page",-56} {"p50 ms",8} {"p95 ms",8} {"max ms",8} {"base p95",9} {"p95/base",9}");
            var over = 0;
            foreach (var page in pages)
            {
                // A page that answers 200 with a notice instead of its content (the dispatcher refused, say) is not measured.
                var first = await http.GetStringAsync(new Uri(page, UriKind.Relative));
                if (AlertNotice().Match(first) is { Success: true } alert)
                    throw new InvalidOperationException($"/{page} shows a notice instead of its content: {WebUtility.HtmlDecode(alert.Groups[1].Value)}");
                for (var i = 0; i < warmup; i++)
                {
                    await FetchAsync(http, Baseline);
                    await FetchAsync(http, page);
                }

                var times = new List<double>(samples);
                var baseline = new List<double>(samples);
                for (var i = 0; i < samples; i++)
                {
                    baseline.Add(await FetchAsync(http, Baseline));
                    times.Add(await FetchAsync(http, page));
                }

                times.Sort();
                baseline.Sort();
                var p95 = P95(times);
                if (p95 >= Budget)
                    over++;
                Console.WriteLine($"{"/" + page,-56} {times[times.Count / 2],8:0.0} {p95,8:0.0} {times[^1],8:0.0} {P95(baseline),9:0.0} {p95 / P95(baseline),9:0.0}" +
                                  (p95 >= Budget ? "  OVER BUDGET" : ""));
            }

            Console.WriteLine($"Load average at the end: {LoadAverage()}");
            Console.WriteLine(over == 0 ? $"Every page under {Budget} ms at p95." : $"{over} page(s) over {Budget} ms at p95.");
            // Stopped before it is disposed, so its background services end on the stopping token rather than on disposal.
            await app.StopAsync();
            return over == 0 ? 0 : 1;
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    static async Task<WebApplication> StartAsync(string data)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = data });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "InMemory",
            // Only warnings: the figures are the output.
            ["Logging:Console:FormatterName"] = "simple",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Auth:SigningKey"] = "console-benchmark-signing-key-0123456789",
            ["Auth:ApiKeys:0:Name"] = Client,
            ["Auth:ApiKeys:0:Key"] = Key,
            ["Console:Operators:0"] = Client,
            ["Operator:InMemoryQueueCapacity"] = "100000",
            ["Dispatcher:Storage:ConnectionString"] = $"Data Source={Path.Combine(data, "dispatcher.db")}",
            ["Dispatcher:Subscriptions:0:Id"] = "bench",
            ["Dispatcher:Subscriptions:0:Url"] = "http://127.0.0.1:9/hook",
            ["Dispatcher:Subscriptions:0:Events:0"] = "*",
            ["Dispatcher:Subscriptions:0:Secrets:0"] = "whsec_MfKQ9r8GKYqrTmkWxUUeSw8hJtq0y4uoGpWGcxe9CZ0=",
            ["Dispatcher:Delivery:AllowedNetworks:0"] = "127.0.0.0/8",
            ["Console:Storage:ConnectionString"] = $"Data Source={Path.Combine(data, "console.db")}",
        });
        builder.AddSwitchyard(new DispatcherModule(), new ConsoleModule());
        var app = builder.Build();
        app.MapSwitchyard();
        await app.StartAsync();
        return app;
    }

    /// <summary>Fills the stores as a busy week would; returns an attempt id and a failed message id to open.</summary>
    static async Task<(long AttemptId, string MessageId)> SeedAsync(IServiceProvider services, int deliveries, int failed, int deals)
    {
        var now = DateTime.UtcNow;
        var random = new Random(16);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DispatcherDbContext>();
            string[] outcomes = ["delivered", "delivered", "delivered", "delivered", "retrying", "failed"];
            for (var i = 0; i < deliveries; i++)
            {
                var outcome = outcomes[random.Next(outcomes.Length)];
                var body = JsonSerializer.Serialize(new { type = "opportunity.updated", timestamp = now, data = new { portalId = 62515, dealId = 10_000 + (i % deals) } });
                db.DeliveryAttempts.Add(new DeliveryAttemptRecord
                {
                    WebhookId = $"msg_{i:x32}",
                    EventId = Guid.NewGuid(),
                    EventType = "opportunity.updated",
                    SubscriptionId = "bench",
                    Attempt = outcome == "delivered" ? 1 : 2,
                    AttemptedAt = now.AddSeconds(-(deliveries - i) * 0.7),
                    Outcome = outcome,
                    StatusCode = outcome == "delivered" ? 200 : 503,
                    Error = outcome == "delivered" ? null : "The subscriber answered HTTP 503.",
                    LatencyMs = 20 + random.NextDouble() * 80,
                    RequestHeaders = """{"content-type":"application/json; charset=utf-8","webhook-id":"msg_1"}""",
                    RequestBody = body,
                    ResponseExcerpt = outcome == "delivered" ? "ok" : "Service Unavailable",
                });
            }

            await db.SaveChangesAsync();
        }

        long attemptId;
        await using (var scope = services.CreateAsyncScope())
            attemptId = scope.ServiceProvider.GetRequiredService<DispatcherDbContext>().DeliveryAttempts.Max(a => a.Id);

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ConsoleDbContext>();
            for (var i = 0; i < deals; i++)
            {
                var at = now.AddMinutes(-i * 3);
                var deal = new DealRecord
                {
                    PortalId = 62515,
                    DealId = 10_000 + i,
                    OpportunityId = $"O{2_000_000 + i}",
                    Title = $"Opportunity {i}",
                    Catalog = "AWS",
                    ReviewStatus = i % 4 == 0 ? "Submitted" : "Pending Submission",
                    LastOutcome = "opportunity.updated",
                };
                deal.Record(i % 10 == 0 ? "sync.failed" : "opportunity.updated", i % 10 == 0 ? "ValidationException" : null, "Updated: LifeCycle.Stage.", new DateTimeOffset(at));
                db.Deals.Add(deal);
            }

            await db.SaveChangesAsync();
        }

        var store = services.GetRequiredService<InMemoryErrorQueues>();
        string[] exceptions = ["System.TimeoutException", "Switchyard.Dispatcher.Delivery.TransientDeliveryException", "System.InvalidOperationException",
            "System.Net.Http.HttpRequestException", "Switchyard.Dispatcher.Delivery.PermanentDeliveryException"];
        var firstId = "";
        for (var i = 0; i < failed; i++)
        {
            var id = NewId.NextGuid().ToString();
            if (i == 0)
                firstId = id;
            var exception = exceptions[i % exceptions.Length];
            var body = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
            {
                messageId = id,
                messageType = DeliverWebhookMessageType,
                message = new { webhookId = $"msg_{i:x32}", subscriptionId = "bench", eventType = "opportunity.updated", data = new { dealId = 10_000 + i } },
            }));
            store.Import("dispatcher-delivery_error", new TransportMessage
            {
                MessageId = id,
                ContentType = "application/vnd.masstransit+json",
                Body = body,
                Headers = new Dictionary<string, object>
                {
                    [MessageHeaders.FaultExceptionType] = exception,
                    [MessageHeaders.FaultMessage] = $"Delivery to subscription bench failed: attempt {i} answered HTTP 503.",
                    [MessageHeaders.FaultStackTrace] = $"   at Switchyard.Dispatcher.Delivery.DeliverWebhookConsumer.Consume(ConsumeContext`1 context) in DeliverWebhookConsumer.cs:line {60 + (i % exceptions.Length)}",
                    [MessageHeaders.FaultTimestamp] = now.AddSeconds(-i).ToString("O", CultureInfo.InvariantCulture),
                    [MessageHeaders.FaultInputAddress] = "loopback://localhost/dispatcher-delivery",
                    [MessageHeaders.FaultMessageType] = "Switchyard.Contracts.Delivery.DeliverWebhook",
                    [MessageHeaders.Reason] = "fault",
                },
            });
        }

        return (attemptId, firstId);
    }

    static async Task<HttpClient> SignInAsync(Uri baseAddress)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        var form = await http.GetStringAsync(new Uri("console/sign-in", UriKind.Relative));
        var token = TokenAttribute().Match(form).Groups[1].Value;
        using var response = await http.PostAsync(new Uri("console/sign-in", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client"] = Client,
            ["key"] = Key,
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Signing in answered {(int)response.StatusCode}.");
        return http;
    }

    static async Task<double> FetchAsync(HttpClient http, string page)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(new Uri(page, UriKind.Relative));
        await response.Content.ReadAsByteArrayAsync();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"/{page} answered {(int)response.StatusCode}.");
        return elapsed;
    }

    static double P95(List<double> sorted) => sorted[(int)Math.Ceiling(sorted.Count * 0.95) - 1];

    /// <summary>The 1, 5 and 15 minute load averages, for the conditions of a run; the machine is shared.</summary>
    static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenAttribute();

    [GeneratedRegex("role=\"alert\">([^<]*)<")]
    private static partial Regex AlertNotice();

    [GeneratedRegex("data-group=\"([0-9a-f]+)\"")]
    private static partial Regex GroupAttribute();
}
