using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Contracts.HubSpot;
using Switchyard.Hosting;
using Switchyard.Testing;

namespace Switchyard.Receipt.Tests;

public class HubSpotWebhookTests
{
    const string TwoEvents = """
        [
          {"eventId":100,"subscriptionId":200,"portalId":300,"appId":400,"occurredAt":1763800000000,
           "subscriptionType":"deal.creation","attemptNumber":0,"objectId":5001,"changeSource":"CRM_UI"},
          {"eventId":101,"subscriptionId":201,"portalId":300,"appId":400,"occurredAt":1763800001000,
           "eventType":"deal.propertyChange","attemptNumber":2,"objectId":5002,"changeSource":"API",
           "propertyName":"dealstage","propertyValue":"closedwon"}
        ]
        """;

    static Task<SwitchyardTestHost> StartReceiptAsync(IEnumerable<KeyValuePair<string, string?>>? settings = null, bool harness = true) =>
        SwitchyardTestHost.StartAsync([new ReceiptModule()], settings,
            harness ? builder => builder.Services.AddMassTransitTestHarness() : null, waitUntilReady: harness);

    static Task<HttpResponseMessage> PostAsync(SwitchyardTestHost host, string body, string contentType = "application/json") =>
        host.Client.PostAsync(new Uri("webhooks/hubspot", UriKind.Relative),
            new StringContent(body, Encoding.UTF8, contentType), TestContext.Current.CancellationToken);

    static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;

    [Fact]
    public async Task A_batch_is_acknowledged_once_every_event_is_published_as_its_own_message()
    {
        await using var host = await StartReceiptAsync();
        var harness = host.Services.GetRequiredService<ITestHarness>();

        using var response = await PostAsync(host, TwoEvents);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await JsonAsync(response);
        body.GetProperty("message").GetString().ShouldBe("Webhook received");
        body.GetProperty("enqueued").GetInt32().ShouldBe(2);
        body.GetProperty("ignored").GetInt32().ShouldBe(0);
        var correlationId = body.GetProperty("correlationId").GetGuid();

        var published = harness.Published.Select<HubSpotEventReceived>(TestContext.Current.CancellationToken).ToList();
        published.Count.ShouldBe(2);
        published.ShouldAllBe(m => m.Context.CorrelationId == correlationId);
        var created = published.Single(m => m.Context.Message.ObjectId == 5001).Context.Message;
        created.SubscriptionType.ShouldBe("deal.creation");
        created.EventId.ShouldBe(100);
        created.SubscriptionId.ShouldBe(200);
        created.PortalId.ShouldBe(300);
        created.AppId.ShouldBe(400);
        created.OccurredAt.ShouldBe(DateTimeOffset.FromUnixTimeMilliseconds(1763800000000));
        created.ChangeSource.ShouldBe("CRM_UI");
    }

    [Fact]
    public async Task The_older_eventType_field_is_read_as_the_subscription_type()
    {
        await using var host = await StartReceiptAsync();
        var harness = host.Services.GetRequiredService<ITestHarness>();

        using var response = await PostAsync(host, TwoEvents);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var changed = harness.Published.Select<HubSpotEventReceived>(TestContext.Current.CancellationToken)
            .Single(m => m.Context.Message.ObjectId == 5002).Context.Message;
        changed.SubscriptionType.ShouldBe("deal.propertyChange");
        changed.AttemptNumber.ShouldBe(2);
        changed.PropertyName.ShouldBe("dealstage");
        changed.PropertyValue.ShouldBe("closedwon");
    }

    [Theory]
    [InlineData("[{\"objectId\":1,", "not a JSON array of HubSpot events")]
    [InlineData("{\"objectId\":1,\"subscriptionType\":\"deal.creation\"}", "not a JSON array of HubSpot events")]
    [InlineData("null", "it is null")]
    [InlineData("[null]", "Event 0 is null.")]
    [InlineData("[{\"objectId\":1,\"subscriptionType\":\"deal.creation\"},{\"subscriptionType\":\"deal.creation\"}]", "Event 1 has no objectId.")]
    [InlineData("[{\"objectId\":1}]", "Event 0 has no subscriptionType (or eventType).")]
    [InlineData("[{\"objectId\":\"one\",\"subscriptionType\":\"deal.creation\"}]", "not a JSON array of HubSpot events")]
    public async Task An_invalid_body_is_rejected_with_problem_details_and_nothing_is_published(string body, string expectedDetail)
    {
        await using var host = await StartReceiptAsync();
        var harness = host.Services.GetRequiredService<ITestHarness>();

        using var response = await PostAsync(host, body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await JsonAsync(response);
        problem.GetProperty("type").GetString().ShouldBe(ProblemTypes.InvalidBody);
        problem.GetProperty("status").GetInt32().ShouldBe(400);
        problem.GetProperty("detail").GetString()!.ShouldContain(expectedDetail);
        (await harness.Published.Any<HubSpotEventReceived>(TestContext.Current.CancellationToken)).ShouldBeFalse();
    }

    [Fact]
    public async Task When_the_broker_does_not_confirm_in_time_the_answer_is_503_with_Retry_After()
    {
        await using var host = await StartReceiptAsync(new Dictionary<string, string?>
        {
            ["Bus:Transport"] = "RabbitMq",
            ["Bus:RabbitMq:Host"] = "127.0.0.1",
            ["Bus:RabbitMq:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Receipt:PublishTimeout"] = "00:00:00.500",
            ["Receipt:RetryAfterSeconds"] = "17",
        }, harness: false);

        using var response = await PostAsync(host, TwoEvents);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter?.Delta.ShouldBe(TimeSpan.FromSeconds(17));
        var problem = await JsonAsync(response);
        problem.GetProperty("type").GetString().ShouldBe(ProblemTypes.BrokerUnavailable);
        problem.TryGetProperty("correlationId", out _).ShouldBeTrue();
    }
}
