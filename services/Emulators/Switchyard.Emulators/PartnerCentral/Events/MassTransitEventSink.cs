using System.Net.Mime;
using System.Text;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchyard.Hosting.Bus;

namespace Switchyard.Emulators.PartnerCentral;

/// <summary>
/// Sends each event to a queue of the host's bus (<see cref="PartnerCentralEmulatorEventOptions.Queue"/>) the way an
/// EventBridge rule with an SQS target does: the message body is the event's JSON byte for byte, with no MassTransit
/// envelope, so the processor reads it through the same raw-JSON receive endpoint on every transport as it does on
/// SQS in production.
/// </summary>
/// <remarks>
/// Resolves the bus on first use: the sink is created with the emulator, before the bus exists.
/// </remarks>
public sealed class MassTransitEventSink(IServiceProvider services, IOptions<PartnerCentralEmulatorOptions> options) : IPartnerCentralEventSink
{
    /// <inheritdoc />
    public async Task SendAsync(SellingApiEvent selling, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selling);
        var queue = options.Value.Events.Queue;
        if (string.IsNullOrEmpty(queue))
            return;

        var bus = services.GetRequiredService<IBus>();
        var endpoint = await bus.GetSendEndpoint(services.QueueNameAddress(queue));
        await endpoint.Send(new EventBridgeMessage(selling.Json), context =>
        {
            context.Serializer = EventBridgeBodySerializer.Instance;
            context.MessageId = selling.Id;
        }, cancellationToken);
    }

    /// <summary>An event as the bytes EventBridge puts in a message; only this sink's serializer writes it.</summary>
    /// <param name="Json">The event's JSON.</param>
    public sealed record EventBridgeMessage(string Json);

    /// <summary>Writes an <see cref="EventBridgeMessage"/> as its JSON, nothing around it.</summary>
    sealed class EventBridgeBodySerializer : IMessageSerializer
    {
        public static readonly EventBridgeBodySerializer Instance = new();

        public ContentType ContentType { get; } = new("application/json");

        public MessageBody GetMessageBody<T>(SendContext<T> context)
            where T : class =>
            context.Message is EventBridgeMessage message
                ? new BytesMessageBody(Encoding.UTF8.GetBytes(message.Json))
                : throw new InvalidOperationException($"Only {nameof(EventBridgeMessage)} is sent raw.");
    }
}

file static class QueueAddressExtensions
{
    /// <summary>The send address of a queue as the host's transport names it (scoped on SQS).</summary>
    public static Uri QueueNameAddress(this IServiceProvider services, string logicalName) =>
        (services.GetService<QueueNames>() ?? QueueNames.Unchanged).AddressOf(logicalName);
}
