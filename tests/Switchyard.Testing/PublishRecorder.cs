using System.Collections.Concurrent;
using MassTransit;

namespace Switchyard.Testing;

/// <summary>
/// Records every publish the bus makes, duplicates included (the test harness keeps one entry per message id, so it
/// cannot show that a redelivered event was published again with the same id).
/// </summary>
public sealed class PublishRecorder : IPublishObserver
{
    readonly ConcurrentQueue<(Guid? MessageId, object Message, IReadOnlyDictionary<string, object> Headers)> _published = new();

    /// <summary>The messages of type <typeparamref name="T"/> published so far, in order, with their ids.</summary>
    public IReadOnlyList<(Guid? MessageId, T Message)> Of<T>() where T : class =>
        _published.Where(p => p.Message is T).Select(p => (p.MessageId, (T)p.Message)).ToList();

    /// <inheritdoc />
    public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

    /// <inheritdoc />
    public Task PostPublish<T>(PublishContext<T> context) where T : class
    {
        _published.Enqueue((context.MessageId, context.Message, context.Headers.GetAll().ToDictionary(h => h.Key, h => h.Value)));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
}
