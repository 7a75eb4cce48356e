using Microsoft.Extensions.Configuration;
using Switchyard.AmazonSqs.ErrorQueues;
using Switchyard.Hosting.Bus;
using Switchyard.Hosting.ErrorQueues;
using Switchyard.Operator.Brokers.AdminApi;
using Switchyard.Operator.Brokers.RabbitMq;
using Switchyard.Operator.Settings;

namespace Switchyard.Operator.Brokers;

/// <summary>Opens the broker the configuration names.</summary>
internal delegate Task<IErrorQueueBroker> ConnectBroker(IConfiguration configuration, CancellationToken cancellationToken);

/// <summary>The transports the tool can work with, chosen by <c>Bus:Transport</c> as in the services.</summary>
internal static class BrokerConnector
{
    /// <exception cref="UsageException">The configuration is invalid; the message names the key and the fix.</exception>
    public static async Task<IErrorQueueBroker> ConnectAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var bus = new BusOptions();
        var operatorOptions = new OperatorOptions();
        try
        {
            configuration.GetSection(BusOptions.Section).Bind(bus);
            configuration.GetSection(OperatorOptions.Section).Bind(operatorOptions);
        }
        catch (InvalidOperationException e)
        {
            throw new UsageException($"the configuration cannot be read: {e.Message}");
        }

        // The tool reads SQS through the AWS SDK itself, so it needs no transport plugged in to accept AmazonSqs.
        var result = new BusOptionsValidator(configuration, [BusTransport.AmazonSqs]).Validate(null, bus);
        if (result.Failed)
            throw new UsageException(result.Failures.First());

        return bus.TransportKind switch
        {
            BusTransport.RabbitMq => await ConnectRabbitMqAsync(bus.RabbitMq, operatorOptions, cancellationToken),
            BusTransport.InMemory => ConnectInMemory(operatorOptions),
            BusTransport.AmazonSqs => await AmazonSqsErrorQueueBroker.CreateAsync(configuration.GetSection(BusOptions.Section), cancellationToken),
            _ => throw new UsageException($"Bus:Transport '{bus.Transport}' is not supported by this build of the tool"),
        };
    }

    static async Task<IErrorQueueBroker> ConnectRabbitMqAsync(RabbitMqOptions rabbitMq, OperatorOptions options, CancellationToken cancellationToken) =>
        await RabbitMqErrorQueueBroker.ConnectAsync(rabbitMq, ManagementUrl(rabbitMq, options), cancellationToken);

    static AdminApiErrorQueueBroker ConnectInMemory(OperatorOptions options) =>
        AdminApiErrorQueueBroker.Create(AdminUrl(options), options.Client, options.ApiKey!);

    static Uri ManagementUrl(RabbitMqOptions rabbitMq, OperatorOptions options)
    {
        var text = options.RabbitMq.ManagementUrl ?? $"{(rabbitMq.UseSsl ? "https" : "http")}://{rabbitMq.Host}:{(rabbitMq.UseSsl ? 15671 : 15672)}/";
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new UsageException($"Operator:RabbitMq:ManagementUrl '{text}' is not an http(s) URL; give the management plugin's address, e.g. http://localhost:15672/");
        return url;
    }

    static Uri AdminUrl(OperatorOptions options)
    {
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new UsageException($"Operator:Url '{options.Url}' is not an http(s) URL; give the AllInOne host's address, e.g. --url http://localhost:5080");
        if (string.IsNullOrWhiteSpace(options.Client))
            throw new UsageException("Operator:Client is empty: set it to an admin client of that host (Operator__Client)");
        if (string.IsNullOrWhiteSpace(options.ApiKey))
            throw new UsageException("Operator:ApiKey is not set: set the environment variable Operator__ApiKey to the key of an admin client of that host");
        return url;
    }
}
