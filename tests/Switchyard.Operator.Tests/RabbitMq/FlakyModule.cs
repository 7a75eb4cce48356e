using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchyard.Hosting;
using Switchyard.Hosting.Bus;

namespace Switchyard.Operator.Tests.RabbitMq;

/// <summary>A message for <see cref="FlakyConsumer"/>.</summary>
public sealed record OperatorProbe(string Text);

/// <summary>A consumer on a queue of its own that fails while <see cref="FlakySwitch.Failing"/> is set, like a consumer whose dependency is down.</summary>
public sealed class FlakyModule : ISwitchyardModule
{
    public const string Queue = "operator-flaky";

    public string Name => "flaky";

    public void AddServices(IHostApplicationBuilder builder) => builder.Services.AddSingleton<FlakySwitch>();

    public void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<FlakyConsumer, FlakyConsumerDefinition>();
}

/// <summary>Whether <see cref="FlakyConsumer"/> fails, and what it consumed when it did not.</summary>
public sealed class FlakySwitch
{
    volatile bool _failing = true;

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public ConcurrentQueue<(Guid? MessageId, OperatorProbe Message)> Consumed { get; } = new();
}

/// <summary>Fails while switched to, records otherwise.</summary>
public sealed class FlakyConsumer(FlakySwitch flaky) : IConsumer<OperatorProbe>
{
    public Task Consume(ConsumeContext<OperatorProbe> context)
    {
        if (flaky.Failing)
            throw new InvalidOperationException($"The probe '{context.Message.Text}' cannot be handled yet.");
        flaky.Consumed.Enqueue((context.MessageId, context.Message));
        return Task.CompletedTask;
    }
}

/// <summary>Puts <see cref="FlakyConsumer"/> on its queue with Switchyard's retry conventions.</summary>
public sealed class FlakyConsumerDefinition() : SwitchyardConsumerDefinition<FlakyConsumer>(FlakyModule.Queue);
