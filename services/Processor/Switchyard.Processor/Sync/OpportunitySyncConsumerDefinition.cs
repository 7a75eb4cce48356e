using MassTransit;
using Switchyard.Hosting.Bus;

namespace Switchyard.Processor.Sync;

/// <summary>
/// Puts <see cref="OpportunitySyncConsumer"/> on the Partner Central write queue, one message at a time; the queue's
/// own settings (one instance, the write rate) are the write queue's (see <see cref="WriteQueueRegistration"/>).
/// </summary>
public sealed class OpportunitySyncConsumerDefinition : SwitchyardConsumerDefinition<OpportunitySyncConsumer>
{
    /// <summary>Creates the definition.</summary>
    public OpportunitySyncConsumerDefinition() : base(ProcessorModule.SyncEndpointName)
    {
        ConcurrentMessageLimit = 1;
    }

    /// <inheritdoc />
    protected override void ConfigureRetry(IRetryConfigurator retry)
    {
        retry.IgnorePermanentApiFailures();
    }
}
