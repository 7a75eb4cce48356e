using MassTransit;
using MassTransit.RabbitMqTransport;
using MassTransit.RabbitMqTransport.Configuration;
using MassTransit.Transports;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Switchyard.Hosting.Health;

/// <summary>
/// Whether the bus holds an open connection to its broker. MassTransit's own bus check judges receive endpoints only, so
/// a host that only publishes (the receipt) stays Healthy while its broker is gone; this check asks the bus for its
/// RabbitMQ connection instead, which reuses the open one or else tries to open one. Transports without a lasting
/// connection (in memory, SQS over HTTPS) have nothing to check here.
/// </summary>
public sealed class BrokerConnectionHealthCheck(IEnumerable<IBusInstance> buses) : IHealthCheck
{
    /// <summary>The check's name in <c>/health/ready</c>.</summary>
    public const string Name = "broker";

    /// <summary>
    /// How long opening a connection may take before the check says the broker cannot be reached. Well under the
    /// client's own connection timeout, so that a readiness probe gets an answer while the broker does not.
    /// </summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var checkedAny = false;
        foreach (var bus in buses)
        {
            if (bus.HostConfiguration is not IRabbitMqHostConfiguration rabbitMq)
                continue;

            checkedAny = true;
            // The host address names the broker and virtual host, never the credentials.
            var broker = rabbitMq.HostAddress;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ConnectTimeout);
            try
            {
                var open = false;
                await rabbitMq.ConnectionContextSupervisor.Send(Pipe.Execute<ConnectionContext>(connection => open = connection.Connection.IsOpen),
                    timeout.Token).ConfigureAwait(false);
                if (!open)
                    return HealthCheckResult.Unhealthy($"The connection to the broker at {broker} is closing.");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy(
                    $"Cannot reach the broker at {broker}: no connection within {ConnectTimeout.TotalSeconds:0} seconds.");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"Cannot reach the broker at {broker}: {Describe(e)}");
            }
        }

        return HealthCheckResult.Healthy(checkedAny ? "Connected" : "No broker connection to hold");
    }

    /// <summary>
    /// The outermost message and the innermost cause, e.g. <c>Broker unreachable: guest@host:5672/ (Connection refused)</c>:
    /// what an operator needs, without a stack trace. RabbitMQ's messages name the user, never the password.
    /// </summary>
    internal static string Describe(Exception exception)
    {
        var innermost = exception;
        while (true)
        {
            var inner = innermost is AggregateException { InnerExceptions.Count: > 0 } aggregate ? aggregate.InnerExceptions[0] : innermost.InnerException;
            if (inner is null)
                break;
            innermost = inner;
        }

        return ReferenceEquals(innermost, exception) || innermost.Message == exception.Message
            ? exception.Message
            : $"{exception.Message} ({innermost.Message})";
    }
}
