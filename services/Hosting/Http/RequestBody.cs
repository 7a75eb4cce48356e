using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Switchyard.Hosting.Http;

/// <summary>Reading request bodies within a size limit, and checking that they are JSON.</summary>
public static class RequestBody
{
    /// <summary>The whole body as received, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
            return null;

        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                return null;
            }

            if (result.IsCompleted)
            {
                var body = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return body;
            }

            // Keep everything buffered until the body is complete.
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Whether the Content-Type is JSON (<c>application/json</c> or <c>*/*+json</c>) in UTF-8.</summary>
    public static bool IsJson(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType))
            return false;
        var type = mediaType.MediaType.Value ?? "";
        var json = type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                   || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
        var charset = mediaType.Charset.Value;
        return json && (string.IsNullOrEmpty(charset) || charset.Replace("-", "", StringComparison.Ordinal).Equals("utf8", StringComparison.OrdinalIgnoreCase));
    }
}
