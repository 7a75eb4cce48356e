using System.Text.Json;
using Switchyard.Processor;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>Several processor instances on one RabbitMQ broker: ordering and Partner Central's write limit still hold.</summary>
public class ProcessorScaleOutTests
{
    [Fact]
    public async Task Of_two_processors_one_consumes_each_processor_queue_and_the_other_takes_over_when_it_stops()
    {
        var broker = RabbitMqBroker.Require();
        await using var virtualHost = await broker.CreateVirtualHostAsync("scale-out");
        await using var crm = await CrmEmulators.StartAsync();
        var first = await SwitchyardTestHost.StartAsync([new ProcessorModule()], [.. virtualHost.BusSettings, .. crm.ProcessorSettings]);
        await using var second = await SwitchyardTestHost.StartAsync([new ProcessorModule()], [.. virtualHost.BusSettings, .. crm.ProcessorSettings]);
        string[] queues = [ProcessorModule.EndpointName, ProcessorModule.SyncEndpointName];

        try
        {
            foreach (var queue in queues)
            {
                var description = await WaitForActivityAsync(virtualHost, queue, ["single_active", "waiting"]);
                description.GetProperty("arguments").GetProperty("x-single-active-consumer").GetBoolean().ShouldBeTrue();
            }
        }
        finally
        {
            await first.DisposeAsync();
        }

        foreach (var queue in queues)
            await WaitForActivityAsync(virtualHost, queue, ["single_active"]);
    }

    /// <summary>Waits until the queue's consumers are exactly <paramref name="expected"/> (their activity, in any order).</summary>
    static async Task<JsonElement> WaitForActivityAsync(RabbitMqVirtualHost virtualHost, string queue, string[] expected)
    {
        JsonElement description = default;
        await Poll.UntilAsync(async () =>
        {
            if (await virtualHost.DescribeQueueAsync(queue) is not { } found || !found.TryGetProperty("consumer_details", out _))
                return false;
            description = found;
            return ActivityOf(found).Order().SequenceEqual(expected.Order());
        }, $"the consumers of {queue} to be {string.Join(" and ", expected)}");
        return description;
    }

    static List<string?> ActivityOf(JsonElement queue) =>
        queue.GetProperty("consumer_details").EnumerateArray().Select(c => c.GetProperty("activity_status").GetString()).ToList();
}
