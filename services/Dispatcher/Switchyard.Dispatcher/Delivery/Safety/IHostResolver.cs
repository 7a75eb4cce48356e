using System.Net;

namespace Switchyard.Dispatcher.Delivery.Safety;

/// <summary>Turns a webhook URL's host into the addresses to check and connect to; tests stand in their own names.</summary>
public interface IHostResolver
{
    /// <summary>The host's addresses; throws <see cref="System.Net.Sockets.SocketException"/> when it does not resolve.</summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>Resolves through the system's DNS resolver; an IP literal is its own answer.</summary>
public sealed class DnsHostResolver : IHostResolver
{
    /// <inheritdoc />
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        return IPAddress.TryParse(host, out var literal)
            ? Task.FromResult<IPAddress[]>([literal])
            : Dns.GetHostAddressesAsync(host, cancellationToken);
    }
}
