using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Hosting;
using Serilog.Formatting.Compact;

namespace Switchyard.Hosting.Logging;

/// <summary>
/// Structured logging through Serilog: readable text while developing, compact JSON (CLEF), one object per line, in
/// production. A line written while an activity is current (inside a request, a consumer) carries its trace and span ids.
/// </summary>
public static class LoggingExtensions
{
    const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    const string TextTemplateWithTrace =
        "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} (trace {TraceId} span {SpanId}){NewLine}{Exception}";

    /// <summary>
    /// Replaces the default providers with Serilog, and registers what <see cref="RequestLogging"/> needs. Levels:
    /// Information, with the chattiest framework sources at Warning, changed through the <c>Serilog:MinimumLevel</c>
    /// section (<c>Default</c>, <c>Override</c>); the format from the standard <c>Logging:Console:FormatterName</c> key
    /// (<c>json</c> or <c>simple</c>), JSON by default in Production.
    /// </summary>
    public static IHostApplicationBuilder AddSwitchyardLogging(this IHostApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var logger = new LoggerConfiguration().ForSwitchyard(builder.Configuration, builder.Environment, serviceName).CreateLogger();
        // Serilog as a provider, so that providers added later (a test's recorder, an exporter) still get what they ask for.
        builder.Logging.ClearProviders().AddSerilog(logger, dispose: true);
        // What the request line needs: this host's logger, not Serilog's static one (a test process runs many hosts),
        // and the context in which endpoints add properties to it.
        builder.Services.AddSingleton(new HostLogger(logger));
        builder.Services.AddSingleton(new DiagnosticContext(logger));
        builder.Services.AddSingleton<IDiagnosticContext>(services => services.GetRequiredService<DiagnosticContext>());
        return builder;
    }

    static LoggerConfiguration ForSwitchyard(this LoggerConfiguration configuration, IConfiguration settings,
        IHostEnvironment environment, string serviceName)
    {
        var formatter = settings["Logging:Console:FormatterName"];
        var json = formatter is null
            ? environment.IsProduction()
            : formatter.Equals("json", StringComparison.OrdinalIgnoreCase);

        // Defaults first, so that the Serilog section can change any of them.
        configuration
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
            // EF Core logs every command it runs at Information.
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            // The bearer scheme is the default one, so it judges every request's Authorization header, including
            // requests that need none (the local run's emulators get HubSpot's tokens as bearer tokens): refusals that
            // matter are answered 401 with their reason instead. Named on its own, so that turning ASP.NET Core's logs
            // up does not bring these back.
            .MinimumLevel.Override(typeof(JwtBearerHandler).FullName!, LogEventLevel.Warning)
            .ReadFrom.Configuration(settings)
            .WithSwitchyardFilters()
            .Enrich.FromLogContext()
            .Enrich.WithProperty("Service", serviceName);

        if (json)
            return configuration.WriteTo.Console(new RenderedCompactJsonFormatter());

        // Console templates render a missing trace id as nothing: the words around it only where there is one.
        return configuration
            .WriteTo.Conditional(e => e.TraceId is not null, to => to.Console(outputTemplate: TextTemplateWithTrace))
            .WriteTo.Conditional(e => e.TraceId is null, to => to.Console(outputTemplate: TextTemplate));
    }

    /// <summary>Lines nobody needs: every filter is added here, one line each.</summary>
    static LoggerConfiguration WithSwitchyardFilters(this LoggerConfiguration configuration) => configuration
        // The host logs a failed start with its stack trace; RunSwitchyardAsync says what to do about this one.
        .Filter.ByExcluding(e => StartupFailures.IsAddressInUse(e.Exception))
        // A broker outage is a handful of lines, not a report per reconnection attempt.
        .Filter.With<BrokerOutageLogFilter>();
}

/// <summary>The Serilog logger of this host, for what writes to Serilog directly (the request line).</summary>
internal sealed record HostLogger(Serilog.ILogger Logger);
