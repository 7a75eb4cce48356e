using MassTransit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Hosting.Bus;
using Switchyard.Hosting.ErrorQueues.Admin;
using Switchyard.Hosting.Health;
using Switchyard.Hosting.Http;
using Switchyard.Hosting.Logging;
using Switchyard.Hosting.Shutdown;
using Switchyard.Hosting.Telemetry;

namespace Switchyard.Hosting;

/// <summary>The composition every Switchyard host shares, whichever modules it runs.</summary>
public static class SwitchyardApplicationExtensions
{
    /// <summary>
    /// Adds logging, problem details, health checks, the modules' services and one bus carrying all their consumers.
    /// </summary>
    public static WebApplicationBuilder AddSwitchyard(this WebApplicationBuilder builder, params ISwitchyardModule[] modules)
    {
        ArgumentOutOfRangeException.ThrowIfZero(modules.Length);

        builder.AddSwitchyardLogging(string.Join('+', modules.Select(m => m.Name)));
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemResults.ApplySwitchyardType);
        builder.Services.AddOpenApi();
        builder.Services.AddSwitchyardRateLimiter();
        builder.Services.AddOptions<ForwardedHeadersSettings>()
            .Bind(builder.Configuration.GetSection(ForwardedHeadersSettings.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ForwardedHeadersSettings>>(new ForwardedHeadersValidator());
        builder.Services.AddSwitchyardShutdown(builder.Configuration);
        builder.AddSwitchyardModules(modules);
        return builder;
    }

    /// <summary>
    /// Adds health checks, telemetry, the modules' services and one bus carrying all their consumers: what a host needs
    /// besides HTTP and logging. Consumer tests call it on a plain host builder and then swap in MassTransit's test harness.
    /// </summary>
    public static IHostApplicationBuilder AddSwitchyardModules(this IHostApplicationBuilder builder, params ISwitchyardModule[] modules)
    {
        builder.Services.AddSwitchyardHealthChecks();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSwitchyardShutdownSettings(builder.Configuration);
        builder.Services.AddSingleton<IReadOnlyList<ISwitchyardModule>>(modules);
        builder.AddSwitchyardTelemetry(modules);

        foreach (var module in modules)
            module.AddServices(builder);

        builder.Services.AddSwitchyardBus(builder.Configuration, bus =>
        {
            foreach (var module in modules)
                module.AddConsumers(bus);
        });

        return builder;
    }

    /// <summary>
    /// Checks the configuration, then maps problem-details error handling, the health and metrics endpoints and every
    /// module's endpoints. Throws <see cref="InvalidConfigurationException"/> listing every problem when the configuration is invalid.
    /// </summary>
    /// <remarks>
    /// The check comes first because mapping resolves the health checks, which builds the bus from its options.
    /// </remarks>
    public static WebApplication MapSwitchyard(this WebApplication app)
    {
        var problems = FindConfigurationProblems(app.Services);
        if (problems.Count > 0)
            throw new InvalidConfigurationException(problems);

        // Before anything reads the request's scheme, host or path base.
        var forwarded = app.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value;
        if (forwarded.Enabled)
            app.UseForwardedHeaders(forwarded.ToOptions());

        app.UseSwitchyardRequestLogging();

        // Errors leave as RFC 9457 problem details without exception details, in every environment.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRouting();
        // New work is refused while the host stops, before anything else looks at it.
        app.UseSwitchyardDraining();
        if (app.Services.GetService<IAuthenticationSchemeProvider>() is not null)
        {
            app.UseAuthentication();
            app.UseAuthorization();
        }

        app.UseRateLimiter();

        app.MapSwitchyardHealth();
        app.MapSwitchyardMetrics();
        app.MapOpenApi();
        app.MapErrorQueueAdmin();

        var modules = app.Services.GetRequiredService<IReadOnlyList<ISwitchyardModule>>();
        foreach (var module in modules)
            module.MapEndpoints(module.ServesWhileDraining ? app.MapGroup(string.Empty).WithMetadata(ServesWhileDrainingMetadata.Instance) : app);

        app.Lifetime.ApplicationStarted.Register(() => LogStarted(app, modules));
        return app;
    }

    /// <summary>
    /// Maps everything (see <see cref="MapSwitchyard"/>) and runs the host until it is stopped. Invalid configuration,
    /// or an address to listen on that is taken, ends the process with exit code 1 and one line per problem, instead of
    /// a stack trace.
    /// </summary>
    public static async Task<int> RunSwitchyardAsync(this WebApplication app)
    {
        try
        {
            app.MapSwitchyard();
        }
        catch (InvalidConfigurationException e)
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Switchyard");
            foreach (var problem in e.Problems)
                logger.LogCritical("Configuration error: {Problem}", problem);
            await app.DisposeAsync();
            return 1;
        }

        // Started here rather than by RunAsync, which disposes the host (and the logger) before a failure reaches us.
        try
        {
            await app.StartAsync();
        }
        catch (IOException e) when (StartupFailures.IsAddressInUse(e))
        {
            // Kestrel's message names the address, e.g. "Failed to bind to address http://127.0.0.1:5080: address already in use."
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Switchyard").LogCritical(
                "Cannot start: {Problem} Stop the process that uses it, or listen elsewhere with Urls (e.g. --Urls=http://localhost:5090).",
                e.Message);
            await app.StopAsync();
            await app.DisposeAsync();
            return 1;
        }

        await app.WaitForShutdownAsync();
        await app.DisposeAsync();
        return 0;
    }

    /// <summary>Runs the options validation that <c>ValidateOnStart</c> registered, and collects its messages.</summary>
    public static IReadOnlyList<string> FindConfigurationProblems(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return [];
        }
        catch (OptionsValidationException e)
        {
            return e.Failures.ToList();
        }
        catch (AggregateException e) when (e.InnerExceptions.All(IsConfigurationError))
        {
            return e.InnerExceptions.SelectMany(Describe).ToList();
        }
        catch (InvalidOperationException e) when (IsConfigurationError(e))
        {
            return Describe(e).ToList();
        }

        static bool IsConfigurationError(Exception e) => e is OptionsValidationException || IsBinderError(e);

        // The binder's message names the key, the value and the type, e.g. "Failed to convert configuration value
        // '5s' at 'Bus:Retry:Intervals:0' to type 'System.TimeSpan'.": only values of non-string types fail, never a secret.
        static bool IsBinderError(Exception e) =>
            e is InvalidOperationException && e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal);

        static IEnumerable<string> Describe(Exception e) =>
            e is OptionsValidationException validation ? validation.Failures : [e.Message];
    }

    static void LogStarted(WebApplication app, IReadOnlyList<ISwitchyardModule> modules)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Switchyard");
        var bus = app.Services.GetRequiredService<IOptions<BusOptions>>().Value;
        var transport = bus.TransportKind switch
        {
            BusTransport.RabbitMq => $"RabbitMq at {bus.RabbitMq.Host}:{bus.RabbitMq.Port}, virtual host {bus.RabbitMq.VirtualHost}",
            BusTransport.AmazonSqs => $"AmazonSqs {AmazonSqsTopology.From(bus.AmazonSqs).Describe()}",
            _ => bus.Transport,
        };

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        logger.LogInformation("Started {Modules} on the {Transport} transport, listening on {Addresses}",
            string.Join(", ", modules.Select(m => m.Name)), transport, string.Join(", ", addresses));

        // A wildcard binding is reachable as localhost; that is the address a user can paste.
        var reachable = addresses
            .Select(a => Uri.TryCreate(a.Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost"), UriKind.Absolute, out var uri) ? uri : null)
            .FirstOrDefault(uri => uri is not null);
        if (reachable is null)
            return;
        foreach (var line in modules.SelectMany(m => m.DescribeEndpoints(reachable)))
            logger.LogInformation("{Endpoint}", line);
    }
}
