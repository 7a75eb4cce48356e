using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchyard.Hosting;
using Switchyard.Hosting.Bus;

namespace Switchyard.Operator.Tests.InMemory;

/// <summary>What the jobs queue consumes.</summary>
public sealed record Job(int Number);

/// <summary>What nobody consumes: sent to the jobs queue, it is skipped.</summary>
public sealed record Unwanted(int Number);

/// <summary>A consumer that fails while the test says so, and records what it saw, on a queue of its own.</summary>
internal sealed class JobsModule : ISwitchyardModule
{
    public const string Queue = "operator-test-jobs";
    public const string FaultQueue = "operator-test-job-faults";

    public string Name => "jobs";

    public void AddServices(IHostApplicationBuilder builder) => builder.Services.AddSingleton<JobLog>();

    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<JobConsumer, JobConsumerDefinition>();
        bus.AddConsumer<JobFaultConsumer, JobFaultConsumerDefinition>();
    }
}

/// <summary>One delivery of a job, as the consumer received it.</summary>
public sealed record Delivery(Guid? MessageId, int Number, byte[] Body, IReadOnlyDictionary<string, object> Headers);

/// <summary>The consumer's switch and what it saw.</summary>
public sealed class JobLog
{
    readonly ConcurrentQueue<Delivery> _attempts = new();
    readonly ConcurrentQueue<Delivery> _done = new();
    readonly ConcurrentQueue<Fault<Job>> _faults = new();

    /// <summary>While true, every job fails.</summary>
    public bool Failing { get; set; } = true;

    public IReadOnlyList<Delivery> Attempts => _attempts.ToArray();

    public IReadOnlyList<Delivery> Done => _done.ToArray();

    public IReadOnlyList<Fault<Job>> Faults => _faults.ToArray();

    internal void Attempted(Delivery delivery) => _attempts.Enqueue(delivery);

    internal void Completed(Delivery delivery) => _done.Enqueue(delivery);

    internal void Faulted(Fault<Job> fault) => _faults.Enqueue(fault);
}

internal sealed class JobConsumer(JobLog log) : IConsumer<Job>
{
    public Task Consume(ConsumeContext<Job> context)
    {
        var delivery = new Delivery(context.MessageId, context.Message.Number, context.ReceiveContext.GetBody(),
            context.ReceiveContext.TransportHeaders.GetAll().ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase));
        log.Attempted(delivery);
        if (log.Failing)
            throw new InvalidOperationException($"Job {context.Message.Number} cannot be done.");
        log.Completed(delivery);
        return Task.CompletedTask;
    }
}

internal sealed class JobFaultConsumer(JobLog log) : IConsumer<Fault<Job>>
{
    public Task Consume(ConsumeContext<Fault<Job>> context)
    {
        log.Faulted(context.Message);
        return Task.CompletedTask;
    }
}

internal sealed class JobConsumerDefinition() : SwitchyardConsumerDefinition<JobConsumer>(JobsModule.Queue);

internal sealed class JobFaultConsumerDefinition() : SwitchyardConsumerDefinition<JobFaultConsumer>(JobsModule.FaultQueue);
