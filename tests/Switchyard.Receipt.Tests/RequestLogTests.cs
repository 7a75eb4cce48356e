using System.Net;
using System.Text.Json;
using Switchyard.Testing;

namespace Switchyard.Receipt.Tests;

[CollectionDefinition(ConsoleCapture.Collection, DisableParallelization = true)]
public sealed class ConsoleCollectionDefinition;

/// <summary>The receipt's request lines, read from its standard output as a log shipper reads them.</summary>
[Collection(ConsoleCapture.Collection)]
public class RequestLogTests
{
    static Dictionary<string, string?> JsonLogs() => new()
    {
        ["Logging:Console:FormatterName"] = "json",
        ["Serilog:MinimumLevel:Default"] = "Information",
    };

    static JsonElement RequestLine(ConsoleCapture console, string path) => console.JsonLines.Single(line =>
        line.TryGetProperty("Service", out var service) && service.GetString() == "receipt"
        && line.TryGetProperty("RequestPath", out var logged) && logged.GetString() == path
        && line.GetProperty("SourceContext").GetString() == "Serilog.AspNetCore.RequestLoggingMiddleware");

    [Fact]
    public async Task A_webhook_request_line_carries_the_correlation_id_of_what_it_published_and_not_its_query_string()
    {
        using var console = new ConsoleCapture();
        var correlationId = Guid.NewGuid();
        HttpStatusCode status;
        await using (var receipt = await ReceiptUnderTest.StartAsync(JsonLogs()))
        {
            using var response = await receipt.PostHubSpotAsync(Batches.Of(Batches.Event(4242)), pathAndQuery: "webhooks/hubspot?portal=secret-query-value",
                adjust: request => request.Headers.Add("X-Correlation-ID", correlationId.ToString()));
            status = response.StatusCode;
            receipt.Harness.PublishedSoFar<Switchyard.Contracts.HubSpot.HubSpotEventReceived>().ShouldHaveSingleItem().Context.CorrelationId.ShouldBe(correlationId);
        }

        status.ShouldBe(HttpStatusCode.OK);
        var line = RequestLine(console, "/webhooks/hubspot");
        line.GetProperty("RequestMethod").GetString().ShouldBe("POST");
        line.GetProperty("StatusCode").GetInt32().ShouldBe(200);
        line.GetProperty("CorrelationId").GetGuid().ShouldBe(correlationId);
        string.Join('\n', console.Lines).ShouldNotContain("secret-query-value");
    }

    [Fact]
    public async Task A_refused_event_has_its_request_line_without_the_token()
    {
        using var console = new ConsoleCapture();
        var token = Tokens.Create(expires: DateTimeOffset.UtcNow.AddMinutes(-5));
        await using (var receipt = await ReceiptUnderTest.StartAsync(JsonLogs()))
        {
            using var response = await receipt.PostEventAsync("""{"type":"invoice.paid","source":"billing","payload":{}}""", token);
            response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        RequestLine(console, "/events").GetProperty("StatusCode").GetInt32().ShouldBe(401);
        string.Join('\n', console.Lines).ShouldNotContain(token.Split('.')[2]);
    }
}
