using System.Security.Cryptography;
using System.Text;

namespace Switchyard.Hosting.Messaging;

/// <summary>
/// Name-based GUIDs (RFC 9562 version 5): the same namespace and name always give the same id. Used for message ids
/// that must survive redelivery, so that a message delivered twice carries one id end to end.
/// </summary>
public static class NameBasedGuid
{
    /// <summary>The version 5 GUID of <paramref name="name"/> in <paramref name="namespaceId"/>.</summary>
    public static Guid Create(Guid namespaceId, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);

        // SHA-1 is what version 5 specifies; these ids identify, they do not protect anything.
#pragma warning disable CA5350
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
