using MassTransit.Testing;

namespace Switchyard.Testing;

/// <summary>Reading what the harness has recorded so far, without waiting for more.</summary>
public static class HarnessExtensions
{
    static readonly CancellationToken DoNotWait = new(canceled: true);

    /// <summary>
    /// The messages of type <typeparamref name="T"/> published so far. An HTTP endpoint that answers only after
    /// publishing has published everything it will by the time its response arrives, so this is the whole story.
    /// </summary>
    public static IReadOnlyList<IPublishedMessage<T>> PublishedSoFar<T>(this ITestHarness harness) where T : class =>
        harness.Published.Select<T>(DoNotWait).ToList();
}
