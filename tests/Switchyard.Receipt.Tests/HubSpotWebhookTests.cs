using System.Globalization;
using System.Net;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Switchyard.Contracts.HubSpot;
using Switchyard.Hosting;
using Switchyard.Hosting.Messaging;
using Switchyard.Testing;

namespace Switchyard.Receipt.Tests;

public class HubSpotWebhookTests
{
    [Fact]
    public async Task A_batch_is_acknowledged_once_every_event_is_published_as_its_own_message()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync();
        var body = Batches.Of(
            Batches.Event(5001, eventId: 100),
            Batches.Event(5002, "deal.propertyChange", eventId: 101, extra: ""","propertyName":"dealstage","propertyValue":"closedwon" """));

        using var response = await receipt.PostHubSpotAsync(body);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var answer = await ReceiptUnderTest.JsonAsync(response);
        answer.GetProperty("message").GetString().ShouldBe("Webhook received");
        answer.GetProperty("enqueued").GetInt32().ShouldBe(2);
        answer.GetProperty("ignored").GetInt32().ShouldBe(0);
        var correlationId = answer.GetProperty("correlationId").GetGuid();

        var published = receipt.Harness.PublishedSoFar<HubSpotEventReceived>();
        published.Count.ShouldBe(2);
        published.ShouldAllBe(m => m.Context.CorrelationId == correlationId);
        var created = published.Single(m => m.Context.Message.ObjectId == 5001).Context.Message;
        created.SubscriptionType.ShouldBe("deal.creation");
        created.EventId.ShouldBe(100);
        created.SubscriptionId.ShouldBe(200);
        created.PortalId.ShouldBe(62515);
        created.AppId.ShouldBe(400);
        created.OccurredAt.ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1763800000000));
        created.ChangeSource.ShouldBe("CRM_UI");
        var changed = published.Single(m => m.Context.Message.ObjectId == 5002).Context.Message;
        changed.PropertyName.ShouldBe("dealstage");
        changed.PropertyValue.ShouldBe("closedwon");
    }

    [Fact]
    public async Task The_older_eventType_field_is_read_as_the_subscription_type()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync();

        using var response = await receipt.PostHubSpotAsync("""[{"eventId":1,"portalId":2,"occurredAt":1763800000000,"eventType":"contact.propertyChange","objectId":77}]""");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        receipt.Harness.PublishedSoFar<HubSpotEventReceived>().ShouldHaveSingleItem().Context.Message.SubscriptionType.ShouldBe("contact.propertyChange");
    }

    [Fact]
    public async Task Events_of_types_not_subscribed_to_are_acknowledged_and_counted_but_not_published()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync();
        var body = Batches.Of(Batches.Event(1, "deal.creation"), Batches.Event(2, "ticket.creation"), Batches.Event(3, "product.deletion"));

        using var response = await receipt.PostHubSpotAsync(body);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var answer = await ReceiptUnderTest.JsonAsync(response);
        answer.GetProperty("enqueued").GetInt32().ShouldBe(1);
        answer.GetProperty("ignored").GetInt32().ShouldBe(2);
        receipt.Harness.PublishedSoFar<HubSpotEventReceived>().ShouldHaveSingleItem().Context.Message.ObjectId.ShouldBe(1);
    }

    [Fact]
    public async Task The_subscribed_types_are_configurable()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync(new Dictionary<string, string?> { ["HubSpot:SubscriptionTypes:0"] = "ticket.creation" });

        using var response = await receipt.PostHubSpotAsync(Batches.Of(Batches.Event(1, "deal.creation"), Batches.Event(2, "ticket.creation")));

        (await ReceiptUnderTest.JsonAsync(response)).GetProperty("ignored").GetInt32().ShouldBe(1);
        receipt.Harness.PublishedSoFar<HubSpotEventReceived>().ShouldHaveSingleItem().Context.Message.ObjectId.ShouldBe(2);
    }

    [Fact]
    public async Task A_redelivered_event_carries_the_same_message_id_and_a_different_event_does_not()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync();

        await receipt.PostHubSpotAsync(Batches.Of(Batches.Event(5001, eventId: 100, extra: ""","attemptNumber":0""")));
        await receipt.PostHubSpotAsync(Batches.Of(Batches.Event(5001, eventId: 100).Replace("\"attemptNumber\":0", "\"attemptNumber\":3", StringComparison.Ordinal)));
        await receipt.PostHubSpotAsync(Batches.Of(Batches.Event(5001, eventId: 100, portalId: 99999)));
        await receipt.PostHubSpotAsync(Batches.Of(Batches.Event(5001, "deal.propertyChange", eventId: 100)));

        var ids = receipt.Published.Of<HubSpotEventReceived>().Select(m => m.MessageId).ToList();
        ids.Count.ShouldBe(4);
        ids[1].ShouldBe(ids[0]);
        ids[2].ShouldNotBe(ids[0]);
        ids[3].ShouldNotBe(ids[0]);
        ids[3].ShouldNotBe(ids[2]);
    }

    [Fact]
    public async Task Every_message_carries_its_HubSpot_object_id_as_ordering_key_and_one_objects_events_keep_their_order()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync();
        var body = Batches.Of(
            Batches.Event(7, "deal.propertyChange", eventId: 1, extra: ""","propertyName":"amount","propertyValue":"1" """),
            Batches.Event(8, "deal.propertyChange", eventId: 2),
            Batches.Event(7, "deal.propertyChange", eventId: 3, extra: ""","propertyName":"amount","propertyValue":"2" """),
            Batches.Event(9, "deal.propertyChange", eventId: 4),
            Batches.Event(7, "deal.propertyChange", eventId: 5, extra: ""","propertyName":"amount","propertyValue":"3" """));

        using var response = await receipt.PostHubSpotAsync(body);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var published = receipt.Harness.PublishedSoFar<HubSpotEventReceived>();
        published.ShouldAllBe(m => m.Context.Headers.Get<string>(OrderingKey.Header, null) == m.Context.Message.ObjectId.ToString(CultureInfo.InvariantCulture));
        published.Where(m => m.Context.Message.ObjectId == 7).Select(m => m.Context.Message.PropertyValue).ShouldBe(["1", "2", "3"]);
    }

    [Fact]
    public async Task A_correlation_id_sent_by_the_caller_is_used_and_echoed()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync();
        var correlationId = Guid.NewGuid();

        using var response = await receipt.PostHubSpotAsync(Batches.Of(Batches.Event(1)),
            adjust: request => request.Headers.Add("X-Correlation-ID", correlationId.ToString()));

        response.Headers.GetValues("X-Correlation-ID").ShouldHaveSingleItem().ShouldBe(correlationId.ToString());
        (await ReceiptUnderTest.JsonAsync(response)).GetProperty("correlationId").GetGuid().ShouldBe(correlationId);
        receipt.Harness.PublishedSoFar<HubSpotEventReceived>().ShouldHaveSingleItem().Context.CorrelationId.ShouldBe(correlationId);
    }

    [Fact]
    public async Task When_the_broker_does_not_confirm_in_time_the_answer_is_503_with_Retry_After()
    {
        var settings = ReceiptUnderTest.Settings();
        settings["Bus:Transport"] = "RabbitMq";
        settings["Bus:RabbitMq:Host"] = "127.0.0.1";
        settings["Bus:RabbitMq:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        settings["Receipt:PublishTimeout"] = "00:00:00.500";
        settings["Receipt:RetryAfterSeconds"] = "17";
        settings["HubSpot:ClientSecret"] = null;
        await using var host = await SwitchyardTestHost.StartAsync([new ReceiptModule()], settings, waitUntilReady: false);

        using var response = await host.Client.PostAsync(new Uri("webhooks/hubspot", UriKind.Relative),
            new StringContent(Batches.Of(Batches.Event(1)), System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter?.Delta.ShouldBe(TimeSpan.FromSeconds(17));
        var problem = await ReceiptUnderTest.JsonAsync(response);
        problem.GetProperty("type").GetString().ShouldBe(ProblemTypes.BrokerUnavailable);
        problem.GetProperty("correlationId").GetGuid().ShouldNotBe(Guid.Empty);
    }

    [Fact]
    public void Outside_Development_the_receipt_refuses_to_start_without_a_client_secret()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(SwitchyardTestHost.Defaults);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddSwitchyard(new ReceiptModule());
        var app = builder.Build();

        var error = Should.Throw<InvalidConfigurationException>(() => app.MapSwitchyard());

        error.Problems.ShouldHaveSingleItem().ShouldStartWith("HubSpot:ClientSecret is not set");
    }
}
