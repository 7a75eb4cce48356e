using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchyard.Hosting.Bus;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Sync;

/// <summary>
/// Puts <see cref="OpportunitySyncConsumer"/> on its own queue, one message at a time and at most
/// <c>Processor:SyncsPerSecond</c>: MassTransit's rate limit, not a sleep, keeps Partner Central's write limit, and
/// one instance at a time consumes the queue, so the limit holds however many processors run.
/// </summary>
public sealed class OpportunitySyncConsumerDefinition : SwitchyardConsumerDefinition<OpportunitySyncConsumer>
{
    /// <summary>Creates the definition.</summary>
    public OpportunitySyncConsumerDefinition() : base(ProcessorModule.SyncEndpointName)
    {
        ConcurrentMessageLimit = 1;
    }

    /// <inheritdoc />
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<OpportunitySyncConsumer> consumerConfigurator, IRegistrationContext context)
    {
        var options = context.GetRequiredService<IOptions<ProcessorOptions>>().Value;
        endpointConfigurator.ConsumeFromOneInstanceAtATime();
        endpointConfigurator.UseRateLimit(options.SyncsPerSecond, TimeSpan.FromSeconds(1));
        base.ConfigureConsumer(endpointConfigurator, consumerConfigurator, context);
    }

    /// <inheritdoc />
    protected override void ConfigureRetry(IRetryConfigurator retry)
    {
        retry.Ignore<HubSpotPermanentException>();
        retry.Ignore<PartnerCentralException>(e => e.Kind == PartnerCentralErrorKind.Permanent);
    }
}
