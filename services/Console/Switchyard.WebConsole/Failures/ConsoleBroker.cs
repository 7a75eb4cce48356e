using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Hosting.ErrorQueues;
using Switchyard.Hosting.ErrorQueues.InMemory;
using Switchyard.Operator.Brokers;
using Switchyard.Operator.Brokers.InProcess;

namespace Switchyard.WebConsole.Failures;

/// <summary>
/// Opens the broker the console reads failed messages from: this process's in-memory error queues when it keeps them
/// (AllInOne on the in-memory transport), otherwise the broker <c>Bus</c> names, reached as the operator tool reaches it
/// (RabbitMQ over AMQP and its management API; SQS with DynamoDB for the faults).
/// </summary>
internal sealed class ConsoleBroker(IServiceProvider services, IConfiguration configuration)
{
    /// <summary>A broker for one page view or one operation; dispose it after.</summary>
    /// <exception cref="Operator.UsageException">The configuration does not say how to reach the broker.</exception>
    public async Task<IErrorQueueBroker> OpenAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<InMemoryErrorQueues>() is { } store)
            return new InProcessErrorQueueBroker(store, services.GetRequiredService<InMemoryQueueSender>());
        return await BrokerConnector.ConnectAsync(configuration, cancellationToken);
    }
}
