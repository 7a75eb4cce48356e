using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Switchyard.Hosting.Bus;

/// <summary>
/// Queue names as the selected transport spells them. Services name their queues plainly (<c>processor</c>); on
/// RabbitMQ and in memory that is the queue's name, on SQS it gets the environment's scope and, for FIFO queues,
/// <c>.fifo</c> (see <see cref="AmazonSqsTopology.QueueName"/>). Code that names a queue, to send to it or to configure
/// it, asks this instead of assuming.
/// </summary>
public sealed class QueueNames
{
    readonly Func<string, string> _map;

    QueueNames(Func<string, string> map) => _map = map;

    /// <summary>The names <paramref name="options"/> select.</summary>
    public QueueNames(IOptions<BusOptions> options) : this(For(options?.Value ?? throw new ArgumentNullException(nameof(options))))
    {
    }

    /// <summary>Names used as they are: what RabbitMQ and the in-memory transport use.</summary>
    public static QueueNames Unchanged { get; } = new(name => name);

    /// <summary>The names the transport <paramref name="options"/> selects uses.</summary>
    public static QueueNames From(BusOptions options) => new(For(options));

    /// <summary>The transport's name of the queue a service calls <paramref name="logicalName"/>.</summary>
    public string Of(string logicalName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(logicalName);
        return _map(logicalName);
    }

    /// <summary>The send address of the queue a service calls <paramref name="logicalName"/>.</summary>
    public Uri AddressOf(string logicalName) => new($"queue:{Of(logicalName)}");

    static Func<string, string> For(BusOptions options) =>
        options.TransportKind == BusTransport.AmazonSqs ? AmazonSqsTopology.From(options.AmazonSqs).QueueName : name => name;
}

/// <summary>An endpoint name formatter that knows the transport's queue names (see <see cref="QueueNames"/>).</summary>
public interface IQueueNameFormatter
{
    /// <summary>The transport's name of the queue a service calls <paramref name="logicalName"/>.</summary>
    string QueueName(string logicalName);
}

/// <summary>
/// MassTransit's kebab-case names for what has no explicit queue, and <see cref="QueueNames"/> for the queues the
/// services name, so that <c>ConfigureEndpoints</c> creates each service queue under the transport's name.
/// </summary>
public sealed class SwitchyardEndpointNameFormatter(QueueNames names) : KebabCaseEndpointNameFormatter(false), IQueueNameFormatter
{
    /// <inheritdoc />
    public string QueueName(string logicalName) => names.Of(logicalName);
}

/// <summary>Finding the transport's queue names from inside MassTransit's callbacks and consumers.</summary>
public static class QueueNameExtensions
{
    /// <summary>The transport's name of the queue a service calls <paramref name="logicalName"/>.</summary>
    public static string QueueName(this IServiceProvider services, string logicalName) =>
        (services.GetService<QueueNames>() ?? QueueNames.Unchanged).Of(logicalName);

    /// <summary>
    /// The transport's name of the queue a service calls <paramref name="logicalName"/>, for a consumer: the consumer's
    /// scope knows the transport; a context without one (none in Switchyard) gets the name unchanged.
    /// </summary>
    public static string QueueName(this ConsumeContext context, string logicalName)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.TryGetPayload(out IServiceProvider? services) ? services.QueueName(logicalName) : QueueNames.Unchanged.Of(logicalName);
    }
}

/// <summary>
/// The endpoint of a consumer that names its queue: the name goes through the formatter when it is an
/// <see cref="IQueueNameFormatter"/>, unlike MassTransit's explicit endpoint names, which no formatter touches.
/// </summary>
/// <param name="logicalName">The queue's name as the service uses it.</param>
public sealed class QueueEndpointDefinition<TConsumer>(string logicalName) : IEndpointDefinition<TConsumer>
    where TConsumer : class
{
    /// <summary>The queue's name as the service uses it.</summary>
    public string LogicalName { get; } = logicalName;

    /// <inheritdoc />
    public bool IsTemporary => false;

    /// <inheritdoc />
    public int? PrefetchCount => null;

    /// <inheritdoc />
    public int? ConcurrentMessageLimit => null;

    /// <inheritdoc />
    public bool ConfigureConsumeTopology => true;

    /// <inheritdoc />
    public string GetEndpointName(IEndpointNameFormatter formatter) =>
        formatter is IQueueNameFormatter queues ? queues.QueueName(LogicalName) : LogicalName;

    /// <inheritdoc />
    public void Configure<T>(T configurator, IRegistrationContext? context = null)
        where T : IReceiveEndpointConfigurator
    {
    }
}
