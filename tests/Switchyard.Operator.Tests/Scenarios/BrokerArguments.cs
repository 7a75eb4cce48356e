using Switchyard.Testing;

namespace Switchyard.Operator.Tests.Scenarios;

/// <summary>The options that point the tool at a test virtual host, as an operator would give them.</summary>
internal static class BrokerArguments
{
    public static string[] For(RabbitMqVirtualHost virtualHost, params string[] command)
    {
        var settings = virtualHost.BusSettings;
        return
        [
            .. command,
            "--transport", "RabbitMq",
            "--host", settings["Bus:RabbitMq:Host"]!,
            "--port", settings["Bus:RabbitMq:Port"]!,
            "--vhost", virtualHost.Name,
            "--user", settings["Bus:RabbitMq:Username"]!,
            "--management-url", RabbitMqBroker.Require().ManagementApi.ToString(),
        ];
    }
}
