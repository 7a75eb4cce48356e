using System.Net;

namespace Switchyard.Dispatcher.Delivery.Safety;

/// <summary>
/// A webhook URL's host resolves to an address the <see cref="OutboundAddressPolicy"/> refuses; nothing was sent.
/// The message names only the host, never the URL, whose path, query or user info may hold secrets.
/// </summary>
public sealed class OutboundAddressRefusedException : Exception
{
    /// <summary>A refusal of <paramref name="address"/>, which <paramref name="host"/> resolves to.</summary>
    /// <param name="host">The URL's host as written (a name or an IP literal).</param>
    /// <param name="address">The refused address.</param>
    /// <param name="refusal">What the address is, e.g. <c>a loopback address (127.0.0.0/8)</c>.</param>
    public OutboundAddressRefusedException(string host, IPAddress address, string refusal)
        : base($"The webhook URL's {Describe(host, address, refusal)}.")
    {
        Host = host;
        Address = address;
    }

    /// <summary>The URL's host.</summary>
    public string Host { get; }

    /// <summary>The refused address the host resolves to.</summary>
    public IPAddress? Address { get; }

    /// <summary>The refusal as one line that starts with the host, shared with registration-time checks.</summary>
    internal static string Describe(string host, IPAddress address, string refusal) =>
        (host == address.ToString() ? $"host '{host}' is {refusal}" : $"host '{host}' resolves to {address}, {refusal}")
        + $"; deliveries there are refused unless {OutboundAddressPolicy.ConfigurationKey} lists it";
}
