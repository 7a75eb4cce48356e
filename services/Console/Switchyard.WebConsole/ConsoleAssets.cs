using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Switchyard.WebConsole;

/// <summary>The stylesheet and script, served from the assembly's resources (no CDN, no build step).</summary>
internal static class ConsoleAssets
{
    /// <summary>The path the assets are served under.</summary>
    public const string BasePath = "/console/assets/";

    static readonly Dictionary<string, (byte[] Content, string Type)> Files = new(StringComparer.Ordinal)
    {
        ["console.css"] = (Read("console.css"), "text/css; charset=utf-8"),
        ["console.js"] = (Read("console.js"), "text/javascript; charset=utf-8"),
    };

    /// <summary>A version for URLs, so that a new build's assets are fetched despite caching.</summary>
    public static string Version { get; } = typeof(ConsoleAssets).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];

    public static IEndpointRouteBuilder MapConsoleAssets(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(BasePath + "{name}", (string name, HttpContext context) =>
        {
            if (!Files.TryGetValue(name, out var file))
                return Results.NotFound();
            context.Response.Headers.CacheControl = "public, max-age=86400";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Bytes(file.Content, file.Type);
        }).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    static byte[] Read(string name)
    {
        using var stream = typeof(ConsoleAssets).Assembly.GetManifestResourceStream($"Switchyard.WebConsole.Assets.{name}")
                           ?? throw new InvalidOperationException($"The console's asset {name} is missing from its assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
