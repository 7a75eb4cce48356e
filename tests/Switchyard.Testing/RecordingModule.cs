using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchyard.Hosting;
using Switchyard.Hosting.Bus;

namespace Switchyard.Testing;

/// <summary>A module whose one consumer records every <typeparamref name="T"/> it receives, on a queue of its own.</summary>
public sealed class RecordingModule<T>(string queue) : ISwitchyardModule where T : class
{
    /// <inheritdoc />
    public string Name => "recorder";

    /// <inheritdoc />
    public void AddServices(IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(new RecordingEndpoint<T>(queue));
        builder.Services.AddSingleton<Recorded<T>>();
    }

    /// <inheritdoc />
    public void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<RecordingConsumer<T>, RecordingConsumerDefinition<T>>();
}

/// <summary>What a <see cref="RecordingModule{T}"/> received, with message ids, duplicates included.</summary>
public sealed class Recorded<T> where T : class
{
    readonly ConcurrentQueue<(Guid? MessageId, T Message)> _messages = new();

    /// <summary>Everything received so far, in order.</summary>
    public IReadOnlyList<(Guid? MessageId, T Message)> Messages => _messages.ToArray();

    internal void Add(Guid? messageId, T message) => _messages.Enqueue((messageId, message));
}

/// <summary>The queue a <see cref="RecordingModule{T}"/> listens on.</summary>
public sealed record RecordingEndpoint<T>(string Name) where T : class;

/// <summary>Records each message.</summary>
public sealed class RecordingConsumer<T>(Recorded<T> recorded) : IConsumer<T> where T : class
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<T> context)
    {
        recorded.Add(context.MessageId, context.Message);
        return Task.CompletedTask;
    }
}

/// <summary>Puts the recorder on its queue.</summary>
public sealed class RecordingConsumerDefinition<T>(RecordingEndpoint<T> queue)
    : SwitchyardConsumerDefinition<RecordingConsumer<T>>(queue.Name) where T : class;
