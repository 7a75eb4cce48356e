using System.Globalization;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Switchyard.Hosting.Health;
using Switchyard.Hosting.Http;

namespace Switchyard.Hosting.Shutdown;

/// <summary>How every host stops: the <c>Shutdown</c> settings, the draining state and what refuses new work while it lasts.</summary>
public static class ShutdownExtensions
{
    /// <summary>
    /// Binds and checks <c>Shutdown</c>, and applies it to the host's shutdown timeout and to MassTransit's stop (how long
    /// consumers at work may take before they are cancelled). What every host needs, HTTP or not.
    /// </summary>
    public static IServiceCollection AddSwitchyardShutdownSettings(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<ShutdownOptions>)))
            return services;

        services.AddOptions<ShutdownOptions>().Bind(configuration.GetSection(ShutdownOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ShutdownOptions>, ShutdownOptionsValidator>();

        // The host reads its options while it is built, before the start-up check can report a malformed value in one
        // line, so only a value that reads as a time span is taken here; the check reports the others.
        services.Configure<HostOptions>(host =>
        {
            if (TryRead(configuration, nameof(ShutdownOptions.Timeout), out var timeout) && timeout > TimeSpan.Zero)
                host.ShutdownTimeout = timeout;
            else
                host.ShutdownTimeout = new ShutdownOptions().Timeout;
        });

        // MassTransit reads these when it creates the bus, after the start-up check.
        services.AddOptions<MassTransitHostOptions>().Configure<IOptions<ShutdownOptions>>((bus, shutdown) =>
        {
            var settings = shutdown.Value;
            bus.ConsumerStopTimeout = settings.ConsumerStopTimeout;
            // Only the wait is cut short: MassTransit stops the bus either way. What is left after the drain delay.
            bus.StopTimeout = settings.Timeout - settings.DrainDelay;
        });
        return services;
    }

    /// <summary>
    /// Adds the draining state, the readiness check that fails while it lasts, and the step that starts it and waits
    /// out the drain delay. For web hosts (<c>AddSwitchyard</c>).
    /// </summary>
    public static IServiceCollection AddSwitchyardShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSwitchyardShutdownSettings(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Draining>();
        services.AddHostedService<ShutdownSequence>();
        services.AddHealthChecks().AddCheck<DrainingHealthCheck>(DrainingHealthCheck.Name, tags: [HealthEndpointExtensions.ReadyTag]);
        return services;
    }

    /// <summary>
    /// While the host drains, answers requests with 503, <c>Retry-After</c> and a <c>shutting-down</c> problem, except
    /// the health endpoints and the endpoints of modules that serve while draining
    /// (<see cref="ISwitchyardModule.ServesWhileDraining"/>). Goes after routing, which says whose endpoint a request is for.
    /// </summary>
    public static IApplicationBuilder UseSwitchyardDraining(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var draining = app.ApplicationServices.GetRequiredService<Draining>();
        var options = app.ApplicationServices.GetRequiredService<IOptions<ShutdownOptions>>();
        return app.Use(async (context, next) =>
        {
            if (!draining.IsDraining || ServesWhileDraining(context))
            {
                await next(context);
                return;
            }

            context.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await ProblemResults.Create(StatusCodes.Status503ServiceUnavailable, ProblemTypes.ShuttingDown,
                    "This instance is shutting down and takes no new work; nothing of this request was done. Send it again after Retry-After, " +
                    "when another instance (or this one, restarted) takes it.")
                .ExecuteAsync(context);
        });
    }

    static bool ServesWhileDraining(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
        || context.GetEndpoint()?.Metadata.GetMetadata<ServesWhileDrainingMetadata>() is not null;

    static bool TryRead(IConfiguration configuration, string key, out TimeSpan value) =>
        TimeSpan.TryParse(configuration[$"{ShutdownOptions.Section}:{key}"], CultureInfo.InvariantCulture, out value);
}

/// <summary>Marks an endpoint that keeps answering while its host drains (see <see cref="ISwitchyardModule.ServesWhileDraining"/>).</summary>
public sealed class ServesWhileDrainingMetadata
{
    /// <summary>The one instance.</summary>
    public static ServesWhileDrainingMetadata Instance { get; } = new();

    ServesWhileDrainingMetadata()
    {
    }
}
