using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchyard.Hosting.Bus;

namespace Switchyard.Dispatcher.Delivery;

/// <summary>
/// Puts <see cref="DeliverWebhookConsumer"/> on its own queue, apart from the fan-out, so slow subscribers never delay
/// the turning of events into deliveries; many deliveries run at once, so one hanging subscriber holds only its own.
/// </summary>
public sealed class DeliverWebhookConsumerDefinition() : SwitchyardConsumerDefinition<DeliverWebhookConsumer>(DispatcherModule.DeliveryEndpointName)
{
    /// <inheritdoc />
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<DeliverWebhookConsumer> consumerConfigurator, IRegistrationContext context)
    {
        var concurrency = context.GetRequiredService<IOptions<DispatcherOptions>>().Value.Delivery.ConcurrentDeliveries;
        endpointConfigurator.ConcurrentMessageLimit = concurrency;
        endpointConfigurator.PrefetchCount = concurrency;
        base.ConfigureConsumer(endpointConfigurator, consumerConfigurator, context);
    }

    /// <summary>
    /// The delivery's own schedule (<c>Dispatcher:Delivery:Redelivery</c>, over a day by default) rather than
    /// <c>Bus:Redelivery</c>: a subscriber may be down far longer than any of the services' dependencies.
    /// </summary>
    protected override RedeliverySchedule RedeliveryFor(IRegistrationContext context, BusOptions options) =>
        context.GetRequiredService<IOptions<DispatcherOptions>>().Value.Delivery.Redelivery.Schedule;

    /// <inheritdoc />
    protected override void ConfigureRetry(IRetryConfigurator retry)
    {
        retry.Ignore<PermanentDeliveryException>();
        retry.Ignore<SubscriptionDisabledException>();
    }
}
