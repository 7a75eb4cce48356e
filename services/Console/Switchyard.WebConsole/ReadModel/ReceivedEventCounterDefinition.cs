using MassTransit;
using Switchyard.Hosting.Bus;

namespace Switchyard.WebConsole.ReadModel;

/// <summary>Puts <see cref="ReceivedEventCounter"/> on the console's queue, one message at a time (its counts are read-modify-write).</summary>
public sealed class ReceivedEventCounterDefinition : SwitchyardConsumerDefinition<ReceivedEventCounter>
{
    /// <summary>Creates the definition.</summary>
    public ReceivedEventCounterDefinition() : base(ConsoleModule.EndpointName) => ConcurrentMessageLimit = 1;
}
