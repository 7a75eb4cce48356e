using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Switchyard.Hosting.Shutdown;

/// <summary>Whether the host has been told to stop, and since when: from then on it takes no new work.</summary>
public sealed class Draining(TimeProvider clock)
{
    long _since = long.MinValue;

    /// <summary>Whether the host is stopping.</summary>
    public bool IsDraining => Interlocked.Read(ref _since) != long.MinValue;

    /// <summary>When the host was told to stop, or null.</summary>
    public DateTimeOffset? Since => Interlocked.Read(ref _since) is var ticks && ticks == long.MinValue ? null : new DateTimeOffset(ticks, TimeSpan.Zero);

    /// <summary>Marks the host as stopping; later calls keep the first time.</summary>
    public void Begin() => Interlocked.CompareExchange(ref _since, clock.GetUtcNow().UtcTicks, long.MinValue);
}

/// <summary>
/// The readiness check that fails as soon as the host is stopping, so load balancers and Kubernetes take it out of
/// rotation while it finishes what it has.
/// </summary>
public sealed class DrainingHealthCheck(Draining draining) : IHealthCheck
{
    /// <summary>The check's name in the health report.</summary>
    public const string Name = "draining";

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(draining.IsDraining
            ? HealthCheckResult.Unhealthy("Stopping: new work is refused")
            : HealthCheckResult.Healthy("Taking work"));
}
