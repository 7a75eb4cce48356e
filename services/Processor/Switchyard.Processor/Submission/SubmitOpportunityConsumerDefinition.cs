using MassTransit;
using Switchyard.Hosting.Bus;

namespace Switchyard.Processor.Submission;

/// <summary>
/// Puts <see cref="SubmitOpportunityConsumer"/> on the Partner Central write queue, one message at a time; the queue's
/// own settings are the write queue's (see <see cref="Sync.WriteQueueRegistration"/>).
/// </summary>
public sealed class SubmitOpportunityConsumerDefinition : SwitchyardConsumerDefinition<SubmitOpportunityConsumer>
{
    /// <summary>Creates the definition.</summary>
    public SubmitOpportunityConsumerDefinition() : base(ProcessorModule.SyncEndpointName)
    {
        ConcurrentMessageLimit = 1;
    }

    /// <inheritdoc />
    protected override void ConfigureRetry(IRetryConfigurator retry)
    {
        retry.IgnorePermanentApiFailures();
    }
}
