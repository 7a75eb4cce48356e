namespace Switchyard.Testing;

/// <summary>Waits for a condition by polling it, up to a deadline: the tests' substitute for sleeping.</summary>
public static class Poll
{
    /// <summary>
    /// The deadline when a test gives none: what takes a second on an idle machine can take a minute on a two-core one
    /// busy with other work (a whole test suite beside, a build). A passing test returns as soon as its condition holds.
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Returns once <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> naming <paramref name="what"/> otherwise.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            if (await condition())
                return;
            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"Timed out after {timeout ?? DefaultTimeout} waiting for {what}.");
            await Task.Delay(Interval);
        }
    }

    /// <inheritdoc cref="UntilAsync(Func{Task{bool}}, string, TimeSpan?)"/>
    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeout);
}
