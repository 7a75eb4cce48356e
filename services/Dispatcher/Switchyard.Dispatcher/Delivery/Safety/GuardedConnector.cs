using System.Net;
using System.Net.Sockets;

namespace Switchyard.Dispatcher.Delivery.Safety;

/// <summary>
/// Opens webhook connections only to addresses the <see cref="OutboundAddressPolicy"/> allows. The check happens at
/// connect time on the very addresses the socket then connects to, so a name that resolves to a public address when a
/// subscription is registered and to an internal one later (DNS rebinding) is still refused.
/// </summary>
public sealed class GuardedConnector(OutboundAddressPolicy policy, IHostResolver resolver)
{
    /// <summary>
    /// A <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host, refuses it with
    /// <see cref="OutboundAddressRefusedException"/> if any of its addresses is refused, and otherwise connects to
    /// them in order until one answers.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endPoint = context.DnsEndPoint;
        var (addresses, refused, refusal) = await ResolveAsync(endPoint.Host, cancellationToken);
        if (refused is not null)
            throw new OutboundAddressRefusedException(endPoint.Host, refused, refusal!);
        if (addresses.Length == 0)
            throw new SocketException((int)SocketError.HostNotFound);

        for (var i = 0; ; i++)
        {
            // Connect to the address just checked, never to the name: resolving again could give another answer.
            var target = addresses[i].IsIPv4MappedToIPv6 ? addresses[i].MapToIPv4() : addresses[i];
            Socket? socket = null;
            try
            {
                socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(new IPEndPoint(target, endPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (Exception e)
            {
                socket?.Dispose();
                if (e is not SocketException || i == addresses.Length - 1)
                    throw;
            }
        }
    }

    /// <summary>
    /// Checks a subscription's URL when it is registered: null when deliveries could go there now, otherwise a
    /// one-line reason that names the host but not the rest of the URL. Deliveries are checked again at connect time.
    /// </summary>
    public async Task<string?> CheckAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
            return "the URL is not absolute";
        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            return $"scheme '{url.Scheme}' is not http or https";

        // IdnHost is what SocketsHttpHandler resolves: punycode for names, no brackets around IPv6.
        var host = url.IdnHost;
        try
        {
            var (addresses, refused, refusal) = await ResolveAsync(host, cancellationToken);
            if (refused is not null)
                return OutboundAddressRefusedException.Describe(host, refused, refusal!);
            return addresses.Length == 0 ? $"host '{host}' does not resolve" : null;
        }
        catch (SocketException)
        {
            return $"host '{host}' does not resolve";
        }
    }

    /// <summary>The host's addresses, and the first of them the policy refuses with what it is.</summary>
    async Task<(IPAddress[] Addresses, IPAddress? Refused, string? Refusal)> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var addresses = await resolver.ResolveAsync(host, cancellationToken);
        // One refused address refuses the host rather than trimming the answer to the allowed ones: a name that mixes
        // public and internal addresses is misconfigured or an attempt to get an internal address tried, and refusing
        // says so at once instead of delivering or failing by whichever address answers first.
        foreach (var address in addresses)
        {
            if (policy.Refusal(address) is { } refusal)
                return (addresses, address, refusal);
        }
        return (addresses, null, null);
    }

    /// <summary>
    /// A handler whose every connection goes through <paramref name="connector"/>. Connections are only made by
    /// <see cref="SocketsHttpHandler"/> for HTTP/1.1 and HTTP/2; HTTP/3 (QUIC) would not pass the callback, so keep
    /// requests at their default version.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(GuardedConnector connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        return new SocketsHttpHandler
        {
            ConnectCallback = connector.ConnectAsync,
            // A subscriber's 3xx is an answer, not a delivery, and following it would post the event somewhere the
            // operator never registered.
            AllowAutoRedirect = false,
            // A proxy would open the connection to the subscriber itself, so the callback would check the proxy's
            // address and never the subscriber's.
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            // A pooled connection stays on the address checked when it opened; recycling it makes a host's new
            // addresses be resolved and checked again.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };
    }
}
