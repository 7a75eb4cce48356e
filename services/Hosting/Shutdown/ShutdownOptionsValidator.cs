using Microsoft.Extensions.Options;

namespace Switchyard.Hosting.Shutdown;

/// <summary>Checks <c>Shutdown</c> at start-up: each wait in range, and the waits together inside the timeout.</summary>
public sealed class ShutdownOptionsValidator : IValidateOptions<ShutdownOptions>
{
    /// <summary>The longest timeout accepted: Kubernetes' grace period can be raised, but a stop should not take longer.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);

    /// <summary>What the timeout must leave beyond the drain delay and the consumers' time, for everything else to stop.</summary>
    public static readonly TimeSpan Headroom = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ShutdownOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > MaxTimeout)
            failures.Add($"Shutdown:Timeout is {options.Timeout}; it must be more than 0 and at most {MaxTimeout} (docker gives a container 10 s to stop, Kubernetes 30 s).");
        if (options.DrainDelay < TimeSpan.Zero)
            failures.Add($"Shutdown:DrainDelay is {options.DrainDelay}; it must not be negative (00:00:00 stops taking connections at once).");
        if (options.ConsumerStopTimeout < TimeSpan.Zero)
            failures.Add($"Shutdown:ConsumerStopTimeout is {options.ConsumerStopTimeout}; it must not be negative (00:00:00 cancels consumers at once).");
        if (options.RetryAfterSeconds is < 1 or > 3600)
            failures.Add($"Shutdown:RetryAfterSeconds is {options.RetryAfterSeconds}; it must be from 1 to 3600.");

        if (failures.Count == 0 && options.DrainDelay + options.ConsumerStopTimeout + Headroom > options.Timeout)
        {
            failures.Add($"Shutdown:DrainDelay ({options.DrainDelay}) and Shutdown:ConsumerStopTimeout ({options.ConsumerStopTimeout}) " +
                         $"leave less than {Headroom.TotalSeconds:0} s of Shutdown:Timeout ({options.Timeout}) for the rest of the stop: shorten them or raise the timeout.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
