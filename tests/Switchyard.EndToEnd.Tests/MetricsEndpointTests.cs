using System.Net;
using Switchyard.Emulators.HubSpot;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>After a webhook has gone all the way, each service's <c>/metrics</c> shows MassTransit's figures and ours.</summary>
public class MetricsEndpointTests
{
    [Fact]
    public async Task Each_service_serves_MassTransits_figures_and_the_seeds_own_at_metrics()
    {
        await using var pipeline = await RabbitMqPipeline.StartAsync("metrics");
        using (var response = await pipeline.SendWebhookAsync(HubSpotBatches.DealCreatedBody(HubSpotEmulatorState.DemoAwsDealId)))
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await pipeline.Subscriber.WaitForAsync(1);

        // Hosts in one process share their meters' listeners, so each page could show the others' figures; each is
        // asked for its own. The delivery's figures are recorded just after the subscriber has answered.
        string receipt = "", processor = "", dispatcher = "";
        await Poll.UntilAsync(async () =>
        {
            receipt = await ScrapeAsync(pipeline.Receipt);
            processor = await ScrapeAsync(pipeline.Processor);
            dispatcher = await ScrapeAsync(pipeline.Dispatcher);
            return dispatcher.Contains("SuccessfulDeliveries_total{", StringComparison.Ordinal);
        }, "the dispatcher's /metrics to count the delivery");

        // Other tests' hosts may run in this process at the same time and add to the same series: at least one each.
        receipt.ShouldMatch("switchyard_receipt_events_enqueued_total\\{otel_scope_name=\"Switchyard.Receipt\",endpoint=\"hubspot\"\\} [1-9]");
        receipt.ShouldMatch("switchyard_receipt_publish_duration_milliseconds_count\\{[^}]*outcome=\"confirmed\"\\} [1-9]");
        receipt.ShouldContain("service_name=\"switchyard-receipt\"");

        processor.ShouldMatch("switchyard_processor_outcomes_total\\{otel_scope_name=\"Switchyard.Processor\",outcome=\"created\"\\} [1-9]");
        processor.ShouldMatch("messaging_masstransit_consume_ea_total\\{[^}]*messaging_masstransit_consumer_type=\"DealCreatedConsumer\"[^}]*\\} [1-9]");
        processor.ShouldMatch("messaging_masstransit_consume_duration_milliseconds_count\\{[^}]*messaging_masstransit_consumer_type=\"OpportunitySyncConsumer\"");
        processor.ShouldContain("service_name=\"switchyard-processor\"");

        dispatcher.ShouldMatch("EventsProcessed_total\\{otel_scope_name=\"Switchyard.Dispatcher\",event_type=\"opportunity.created\"\\} [1-9]");
        dispatcher.ShouldMatch("DeliveryLatency_milliseconds_count\\{[^}]*outcome=\"delivered\"[^}]*\\} [1-9]");
        dispatcher.ShouldMatch("messaging_masstransit_delivery_duration_milliseconds_count\\{[^}]*messaging_masstransit_consumer_type=\"DeliverWebhookConsumer\"");
        dispatcher.ShouldContain("service_name=\"switchyard-dispatcher\"");
    }

    static async Task<string> ScrapeAsync(SwitchyardTestHost host) =>
        await host.Client.GetStringAsync(new Uri("metrics", UriKind.Relative), TestContext.Current.CancellationToken);
}
