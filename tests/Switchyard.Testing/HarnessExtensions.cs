using MassTransit.Testing;

namespace Switchyard.Testing;

/// <summary>
/// Reading what the harness has recorded so far, without waiting for more, and waiting for something by a deadline
/// rather than by the harness's inactivity timer (which fires while a slow consumer is still at work on a busy machine).
/// </summary>
public static class HarnessExtensions
{
    static readonly CancellationToken DoNotWait = new(canceled: true);

    /// <summary>
    /// The messages of type <typeparamref name="T"/> published so far. An HTTP endpoint that answers only after
    /// publishing has published everything it will by the time its response arrives, so this is the whole story.
    /// </summary>
    public static IReadOnlyList<IPublishedMessage<T>> PublishedSoFar<T>(this ITestHarness harness) where T : class =>
        harness.Published.Select<T>(DoNotWait).ToList();

    /// <summary>The messages of type <typeparamref name="T"/> sent so far.</summary>
    public static IReadOnlyList<ISentMessage<T>> SentSoFar<T>(this ITestHarness harness) where T : class =>
        harness.Sent.Select<T>(DoNotWait).ToList();

    /// <summary>The messages of type <typeparamref name="T"/> consumed so far (each once, however many consumers took it).</summary>
    public static IReadOnlyList<IReceivedMessage<T>> ConsumedSoFar<T>(this ITestHarness harness) where T : class =>
        harness.Consumed.Select<T>(DoNotWait).ToList();

    /// <summary>
    /// Waits until at least <paramref name="count"/> messages of type <typeparamref name="T"/> have been published, up
    /// to <paramref name="timeout"/> (<see cref="Poll.DefaultTimeout"/>), and returns those published by then.
    /// </summary>
    public static async Task<IReadOnlyList<IPublishedMessage<T>>> PublishedAsync<T>(this ITestHarness harness, int count = 1, TimeSpan? timeout = null)
        where T : class
    {
        await Poll.UntilAsync(() => harness.PublishedSoFar<T>().Count >= count, $"{count} {typeof(T).Name} to be published", timeout);
        return harness.PublishedSoFar<T>();
    }

    /// <summary>
    /// Waits until at least <paramref name="count"/> messages of type <typeparamref name="T"/> have been sent, up to
    /// <paramref name="timeout"/> (<see cref="Poll.DefaultTimeout"/>), and returns those sent by then.
    /// </summary>
    public static async Task<IReadOnlyList<ISentMessage<T>>> SentAsync<T>(this ITestHarness harness, int count = 1, TimeSpan? timeout = null)
        where T : class
    {
        await Poll.UntilAsync(() => harness.SentSoFar<T>().Count >= count, $"{count} {typeof(T).Name} to be sent", timeout);
        return harness.SentSoFar<T>();
    }
}
