using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;
using Switchyard.Hosting.Auth;

namespace Switchyard.Hosting.Logging;

/// <summary>Structured logging through Serilog: readable text while developing, one JSON object per line in production.</summary>
public static class LoggingExtensions
{
    const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Replaces the default providers with Serilog. Levels: Information, with the chattiest framework sources at Warning,
    /// changed through the <c>Serilog:MinimumLevel</c> section (<c>Default</c>, <c>Override</c>); the format
    /// from the standard <c>Logging:Console:FormatterName</c> key (<c>json</c> or <c>simple</c>), JSON by default in Production.
    /// </summary>
    public static IHostApplicationBuilder AddSwitchyardLogging(this IHostApplicationBuilder builder, string serviceName)
    {
        var formatter = builder.Configuration["Logging:Console:FormatterName"];
        var json = formatter is null
            ? builder.Environment.IsProduction()
            : formatter.Equals("json", StringComparison.OrdinalIgnoreCase);

        // Defaults first, so that the Serilog section can change any of them.
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
            // EF Core logs every command it runs at Information.
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            // The bearer scheme is the default one, so it judges every request's Authorization header, including
            // requests that need none (the local run's emulators get HubSpot and AWS credentials): refusals that
            // matter are answered 401 with their reason instead.
            .MinimumLevel.Override(typeof(BearerTokenHandler).FullName!, LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            // The host logs a failed start with its stack trace; RunSwitchyardAsync says what to do about this one.
            .Filter.ByExcluding(e => StartupFailures.IsAddressInUse(e.Exception))
            .Filter.With<BrokerOutageLogFilter>()
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Service", serviceName);

        configuration = json
            ? configuration.WriteTo.Console(new JsonFormatter(renderMessage: true))
            : configuration.WriteTo.Console(outputTemplate: TextTemplate);

        builder.Logging.ClearProviders().AddSerilog(configuration.CreateLogger(), dispose: true);
        return builder;
    }
}
