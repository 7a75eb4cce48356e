using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Hosting.Shutdown.InMemory;

namespace Switchyard.Hosting.Shutdown;

/// <summary>
/// The first and last steps of a host's stop. When the host is told to stop, <see cref="Draining"/> begins (new HTTP
/// work is answered 503, readiness turns 503) and, before any service stops, the drain delay gives load balancers time
/// to notice; the web server, then the bus, stop after it (see <see cref="ShutdownOptions"/>). At the end it logs how
/// long the stop took.
/// </summary>
/// <remarks>
/// The host calls every lifecycle service's <c>StoppingAsync</c> before any service's <c>StopAsync</c>, so the server
/// keeps answering (503) during the delay, and the bus keeps working through what it has.
/// </remarks>
public sealed partial class ShutdownSequence(Draining draining, IHostApplicationLifetime lifetime, IOptions<ShutdownOptions> options,
    TimeProvider clock, ILogger<ShutdownSequence> logger, IServiceProvider services) : IHostedLifecycleService
{
    CancellationTokenRegistration _stopping;

    /// <inheritdoc />
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _stopping = lifetime.ApplicationStopping.Register(draining.Begin);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        draining.Begin();
        var settings = options.Value;
        LogStopping(logger, settings.DrainDelay, settings.ConsumerStopTimeout, settings.Timeout);
        if (settings.DrainDelay <= TimeSpan.Zero)
            return;

        try
        {
            // A grace period the operator chose, not a wait for something to happen: load balancers notice readiness
            // at their own pace.
            await Task.Delay(settings.DrainDelay, clock, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The shutdown timeout ran out during the delay; the rest of the stop goes on without it.
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        _stopping.Dispose();
        // When the timeout cut the bus's stop short, MassTransit did not say it stopped: the count is reported here.
        services.GetService<InMemoryShutdownLedger>()?.Report(cutShort: true);
        if (draining.Since is { } since)
            LogStopped(logger, clock.GetUtcNow() - since);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: new requests are answered 503 for {DrainDelay}, then the requests in progress finish and consumers at work get {ConsumerStopTimeout} before their messages go back to the broker; stopped within {Timeout} at the most")]
    static partial void LogStopping(ILogger logger, TimeSpan drainDelay, TimeSpan consumerStopTimeout, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped in {Elapsed}")]
    static partial void LogStopped(ILogger logger, TimeSpan elapsed);
}
