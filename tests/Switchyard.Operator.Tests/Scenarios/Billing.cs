using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchyard.Hosting;
using Switchyard.Hosting.Bus;

namespace Switchyard.Operator.Tests.Scenarios;

/// <summary>A charge to make; <see cref="Problem"/> says how the poisoned gateway fails it.</summary>
public sealed record ChargeRequested(int Number, string Problem);

/// <summary>
/// A payment gateway that can be poisoned: while it is, "timeout" charges time out and "locked" charges hit a locked
/// account, two different problems with messages that differ per charge.
/// </summary>
public sealed class PaymentGateway
{
    readonly ConcurrentQueue<(Guid? MessageId, int Number)> _charged = new();

    volatile bool _poisoned = true;

    public bool Poisoned
    {
        get => _poisoned;
        set => _poisoned = value;
    }

    public IReadOnlyList<(Guid? MessageId, int Number)> Charged => _charged.ToArray();

    public void Charge(Guid? messageId, ChargeRequested charge)
    {
        if (_poisoned && charge.Problem == "timeout")
            throw new TimeoutException($"The gateway did not answer charge {charge.Number} within {1000 + charge.Number} ms");
        if (_poisoned && charge.Problem == "locked")
            throw new InvalidOperationException($"Account {9000 + charge.Number} is locked");
        _charged.Enqueue((messageId, charge.Number));
    }
}

/// <summary>Charges through the gateway.</summary>
public sealed class ChargeConsumer(PaymentGateway gateway) : IConsumer<ChargeRequested>
{
    public Task Consume(ConsumeContext<ChargeRequested> context)
    {
        gateway.Charge(context.MessageId, context.Message);
        return Task.CompletedTask;
    }
}

/// <summary>The consumer on the <c>billing</c> queue, with Switchyard's retry conventions.</summary>
public sealed class ChargeConsumerDefinition() : SwitchyardConsumerDefinition<ChargeConsumer>(BillingModule.Queue);

/// <summary>A service with one consumer and a dependency the test poisons and cures.</summary>
public sealed class BillingModule(PaymentGateway gateway) : ISwitchyardModule
{
    public const string Queue = "billing";

    public string Name => "billing";

    public void AddServices(IHostApplicationBuilder builder) => builder.Services.AddSingleton(gateway);

    public void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<ChargeConsumer, ChargeConsumerDefinition>();
}
