namespace Switchyard.Processor.Mapping;

/// <summary>Turns a company's <c>website</c> or <c>domain</c> into Partner Central's <c>Account.WebsiteUrl</c>.</summary>
public static class Websites
{
    /// <summary>
    /// <c>scheme://host</c> from the first of <paramref name="website"/> and <paramref name="domain"/> that holds a web
    /// address, or null when neither does. A missing scheme is <c>https</c>; <c>http</c> is kept when written.
    /// </summary>
    /// <remarks>
    /// Only the scheme, host and a non-default port are kept: AWS uses the address to recognise the customer, for
    /// which the site's home is what counts, and Partner Central's older website pattern (still on engagement shapes)
    /// refuses many characters a path or query may hold. A host must have a dot and no spaces; other schemes
    /// (<c>mailto:</c>, <c>ftp:</c>) are no website.
    /// </remarks>
    public static string? ToWebsiteUrl(string? website, string? domain) => Normalize(website) ?? Normalize(domain);

    static string? Normalize(string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text) || text.Any(char.IsWhiteSpace))
            return null;

        if (text.StartsWith("//", StringComparison.Ordinal))
            text = "https:" + text;
        else if (!text.Contains("://", StringComparison.Ordinal))
            text = "https://" + text;

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.HostNameType != UriHostNameType.Dns)
            return null;

        var host = AsciiHost(uri).TrimEnd('.').ToLowerInvariant();
        if (!host.Contains('.', StringComparison.Ordinal) || host.StartsWith('.'))
            return null;

        var url = uri.IsDefaultPort ? $"{uri.Scheme}://{host}" : $"{uri.Scheme}://{host}:{uri.Port}";
        return TextLimits.Length(url) is >= PartnerCentralLimits.WebsiteUrlMin and <= PartnerCentralLimits.WebsiteUrl ? url : null;
    }

    // Internationalised names as punycode, which every system accepts; the name as written if that fails.
    static string AsciiHost(Uri uri)
    {
        try
        {
            return uri.IdnHost;
        }
        catch (Exception e) when (e is PlatformNotSupportedException or ArgumentException)
        {
            return uri.Host;
        }
    }
}
