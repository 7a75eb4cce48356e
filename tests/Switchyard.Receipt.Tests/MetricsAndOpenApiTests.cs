using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Switchyard.Receipt.Tests;

public class MetricsAndOpenApiTests
{
    [Fact]
    public async Task Requests_events_rejections_and_publish_latency_are_measured()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync();
        var scope = receipt.Host.Services.GetRequiredService<IMeterFactory>();
        var measured = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ReceiptMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => measured.Enqueue((i.Name, value, Tags(tags))));
        listener.SetMeasurementEventCallback<double>((i, value, tags, _) => measured.Enqueue((i.Name, value, Tags(tags))));
        listener.Start();

        (await receipt.PostHubSpotAsync(Batches.Of(Batches.Event(1), Batches.Event(2), Batches.Event(3, "ticket.creation")))).Dispose();
        (await receipt.PostHubSpotAsync(Batches.Of(Batches.Event(1)), Signing.None)).Dispose();

        double Sum(string instrument, string? tag = null, string? value = null) => measured
            .Where(m => m.Instrument == instrument && (tag is null || Equals(m.Tags.GetValueOrDefault(tag), value)))
            .Sum(m => m.Value);
        Sum("switchyard.receipt.events.enqueued").ShouldBe(2);
        Sum("switchyard.receipt.events.ignored").ShouldBe(1);
        Sum("switchyard.receipt.requests", "outcome", "accepted").ShouldBe(1);
        Sum("switchyard.receipt.requests", "outcome", "rejected").ShouldBe(1);
        Sum("switchyard.receipt.requests.rejected", "reason", "invalid-signature").ShouldBe(1);
        measured.Count(m => m.Instrument == "switchyard.receipt.publish.duration" && Equals(m.Tags["outcome"], "confirmed")).ShouldBe(1);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_receipts_endpoints()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync();

        var document = JsonDocument.Parse(await receipt.Client.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken)).RootElement;

        var paths = document.GetProperty("paths");
        paths.GetProperty("/webhooks/hubspot").GetProperty("post").GetProperty("responses").TryGetProperty("503", out _).ShouldBeTrue();
        paths.GetProperty("/events").GetProperty("post").GetProperty("responses").TryGetProperty("202", out _).ShouldBeTrue();
        paths.GetProperty("/token").GetProperty("post").GetProperty("requestBody").GetProperty("content")
            .TryGetProperty("application/x-www-form-urlencoded", out _).ShouldBeTrue();
    }

    static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var tag in tags)
            result[tag.Key] = tag.Value;
        return result;
    }
}
