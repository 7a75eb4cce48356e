using System.Diagnostics;
using System.Net;
using OpenTelemetry;
using Switchyard.Emulators.HubSpot;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>
/// One HubSpot event is one trace across the three services on a real broker: the webhook request, the publish, the
/// processor's consumes and its HubSpot and Partner Central calls, the outcome, the fan-out and each delivery attempt.
/// </summary>
public class TraceTests
{
    [Fact]
    public async Task A_webhook_for_an_AWS_deal_is_one_trace_from_the_request_to_each_delivery_attempt()
    {
        var recorder = new SpanRecorder();
        await using var pipeline = await RabbitMqPipeline.StartAsync("trace", recorder.AttachTo);
        var attempts = 0;
        pipeline.Subscriber.RespondWith(_ => Interlocked.Increment(ref attempts) == 1 ? 500 : 200);

        await SendAsHubSpotDoesAsync(pipeline);
        await pipeline.Subscriber.WaitForAsync(2);

        // A span is exported when it ends; the delivery's consume ends after the subscriber has answered.
        Activity? root = null;
        IReadOnlyList<Activity> trace = [];
        await Poll.UntilAsync(() =>
        {
            var spans = recorder.Spans;
            // Listeners are process-wide: other tests' webhooks are recorded too, on their own receipts' ports.
            root = spans.SingleOrDefault(s => s.Kind == ActivityKind.Server && Tag(s, "http.route") == "/webhooks/hubspot" &&
                                              Tag(s, "server.port") == Port(pipeline.Receipt.BaseAddress));
            if (root is null)
                return false;
            trace = spans.Where(s => s.TraceId == root.TraceId).ToList();
            var ended = trace.Select(s => s.SpanId).ToHashSet();
            return trace.Count(s => Consumes(s, "DeliverWebhookConsumer")) == 2 && trace.Count(s => CallsTo(s, pipeline.Subscriber.BaseAddress)) == 2 &&
                   trace.Any(s => Consumes(s, "AssociateOpportunitySolutionConsumer")) && trace.Count(s => CallsTo(s, pipeline.Crm.PartnerCentral.ServiceUrl)) >= 2 &&
                   trace.All(s => s == root || ended.Contains(s.ParentSpanId));
        }, "the trace of the webhook to end with two delivery attempts, every span's parent ended");

        // One tree: the webhook request is the root (HubSpot sends no trace context), every other span hangs from it
        // (the poll above waited for every parent).
        root!.ParentSpanId.ShouldBe(default);
        var bySpanId = trace.ToDictionary(s => s.SpanId);

        Func<Activity, Activity, bool> Under = (span, ancestor) =>
        {
            for (var parent = span.ParentSpanId; bySpanId.TryGetValue(parent, out var next); parent = next.ParentSpanId)
            {
                if (next == ancestor)
                    return true;
            }

            return false;
        };

        var publish = trace.Single(s => s.Kind == ActivityKind.Producer && Tag(s, "messaging.destination.name")!.EndsWith(":HubSpotEventReceived", StringComparison.Ordinal));
        Under(publish, root).ShouldBeTrue();

        var dealCreated = trace.Single(s => Consumes(s, "DealCreatedConsumer"));
        Under(dealCreated, publish).ShouldBeTrue();
        trace.ShouldContain(s => CallsTo(s, pipeline.Crm.HubSpot.ApiBaseUrl) && Under(s, dealCreated), "the processor reads the deal from HubSpot");

        var sync = trace.Single(s => Consumes(s, "OpportunitySyncConsumer"));
        Under(sync, dealCreated).ShouldBeTrue();
        trace.ShouldContain(s => CallsTo(s, pipeline.Crm.PartnerCentral.ServiceUrl) && Under(s, sync), "CreateOpportunity");
        // The association with the solution is a write of its own (one write per message, for the write quota), sent by
        // the sync: its consume and its call hang from the sync too.
        // (A write held for the quota's next second is consumed again: every consume hangs from the sync.)
        var associations = trace.Where(s => Consumes(s, "AssociateOpportunitySolutionConsumer")).ToList();
        associations.ShouldAllBe(a => Under(a, sync));
        trace.ShouldContain(s => CallsTo(s, pipeline.Crm.PartnerCentral.ServiceUrl) && associations.Any(a => Under(s, a)), "AssociateOpportunity");
        trace.ShouldContain(s => CallsTo(s, pipeline.Crm.HubSpot.ApiBaseUrl) && Tag(s, "http.request.method") == "PATCH" && Under(s, sync), "the write-back");

        var outcome = trace.Single(s => s.Kind == ActivityKind.Producer && Tag(s, "messaging.destination.name")!.EndsWith(":OpportunityCreated", StringComparison.Ordinal));
        Under(outcome, sync).ShouldBeTrue();
        var fanOut = trace.Single(s => Consumes(s, "EventFanOutConsumer"));
        Under(fanOut, outcome).ShouldBeTrue();

        var deliveries = trace.Where(s => Consumes(s, "DeliverWebhookConsumer")).ToList();
        deliveries.ShouldAllBe(d => Under(d, fanOut));
        var calls = trace.Where(s => CallsTo(s, pipeline.Subscriber.BaseAddress)).OrderBy(s => s.StartTimeUtc).ToList();
        calls.Select(c => Tag(c, "http.response.status_code")).ShouldBe(["500", "200"]);
        calls.ShouldAllBe(c => deliveries.Any(d => Under(c, d)));
        // The subscriber's URL path may be its credential: the spans keep only where the request went.
        calls.ShouldAllBe(c => Tag(c, "url.full") == pipeline.Subscriber.BaseAddress.ToString());
    }

    /// <summary>Posts the deal's creation webhook, signed, with no trace context, as HubSpot does.</summary>
    static async Task SendAsHubSpotDoesAsync(RabbitMqPipeline pipeline)
    {
        using var request = HubSpotBatches.SignedV3(new Uri(pipeline.Receipt.BaseAddress, "webhooks/hubspot"),
            HubSpotBatches.DealCreatedBody(HubSpotEmulatorState.DemoAwsDealId), RabbitMqPipeline.ClientSecretForTests);
        // This process's client instrumentation would otherwise add a traceparent header of the test's own.
        using (SuppressInstrumentationScope.Begin())
        {
            using var response = await pipeline.Receipt.Client.SendAsync(request, TestContext.Current.CancellationToken);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    static bool Consumes(Activity span, string consumer) =>
        span.Kind == ActivityKind.Consumer && Tag(span, "messaging.operation") == "process" &&
        Tag(span, "messaging.masstransit.consumer_type")?.EndsWith("." + consumer, StringComparison.Ordinal) == true;

    static bool CallsTo(Activity span, Uri server) =>
        span.Kind == ActivityKind.Client && span.Source.Name == "System.Net.Http" &&
        Tag(span, "server.port") == Port(server);

    static string Port(Uri address) => address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    static string? Tag(Activity span, string name) => span.GetTagItem(name)?.ToString();
}
