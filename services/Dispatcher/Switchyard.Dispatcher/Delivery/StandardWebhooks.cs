using System.Security.Cryptography;
using System.Text;
using Switchyard.Dispatcher.Subscriptions;

namespace Switchyard.Dispatcher.Delivery;

/// <summary>The Standard Webhooks signature scheme (standardwebhooks.com): what receivers verify.</summary>
public static class StandardWebhooks
{
    /// <summary>The receivers' idempotency key.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>Unix seconds when the attempt was signed; receivers refuse old ones.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>Space-separated <c>v1,&lt;base64&gt;</c> signatures, one per active secret.</summary>
    public const string SignatureHeader = "webhook-signature";

    /// <summary>
    /// <c>v1,</c> + Base64 HMAC-SHA256 of <c>id.timestamp.body</c> for each secret, space-separated, so a receiver that
    /// knows any one of them (old or new, while a secret rotates) can verify.
    /// </summary>
    public static string Sign(IEnumerable<string> secrets, string webhookId, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));

        return string.Join(' ', secrets
            .Select(WebhookSecret.KeyOf)
            .OfType<byte[]>()
            .Select(key => "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content))));
    }
}
