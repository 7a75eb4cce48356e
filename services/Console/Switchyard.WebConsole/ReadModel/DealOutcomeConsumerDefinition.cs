using MassTransit;
using Switchyard.Hosting.Bus;

namespace Switchyard.WebConsole.ReadModel;

/// <summary>
/// Puts <see cref="DealOutcomeConsumer"/> on the console's queue with the shared retry conventions, one message at a
/// time: the read model's updates are read-modify-write.
/// </summary>
public sealed class DealOutcomeConsumerDefinition : SwitchyardConsumerDefinition<DealOutcomeConsumer>
{
    /// <summary>Creates the definition.</summary>
    public DealOutcomeConsumerDefinition() : base(ConsoleModule.EndpointName) => ConcurrentMessageLimit = 1;
}
