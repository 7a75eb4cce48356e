using Microsoft.Extensions.Hosting;
using Switchyard.Hosting.Bus;

namespace Switchyard.AmazonSqs.Transport;

/// <summary>Building the SQS transport into a host.</summary>
public static class AmazonSqsTransportRegistration
{
    /// <summary>
    /// Makes <c>Bus:Transport=AmazonSqs</c> available to the host; the host runs on it only when the configuration
    /// selects it. Call before <c>AddSwitchyard</c>.
    /// </summary>
    public static TBuilder AddAmazonSqsTransport<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSwitchyardBusTransport(new AmazonSqsBusTransport());
        return builder;
    }
}
