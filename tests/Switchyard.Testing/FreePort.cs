using System.Net;
using System.Net.Sockets;

namespace Switchyard.Testing;

/// <summary>Loopback ports for things that must know their port before they start.</summary>
public static class FreePort
{
    /// <summary>A TCP port nothing listens on right now.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
