using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Hosting.Bus;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Quotas;

/// <summary>
/// How a message on the Partner Central write queue makes its one write: it says what the write is
/// (<see cref="PartnerCentralWrite"/>), and this asks the budget, then makes the write and records it, or parks the
/// message until the budget allows it (and the consumer ends there, acknowledging it), or holds it a moment. A new
/// kind of write needs a message, a consumer that calls <see cref="TryWriteAsync{TMessage,T}"/> around its one call,
/// and the message registered with <see cref="ParkableMessageRegistration.AddParkableMessage{T}"/>.
/// </summary>
/// <remarks>
/// A <c>ThrottlingException</c> from AWS teaches the budget (see <see cref="WriteBudget.ThrottledAsync"/>): the write
/// waits until AWS's time is up, held when that is a few seconds, parked when longer, so that it is not refused twice
/// for the same reason. Any other failure leaves the write in the ledger (AWS may have counted it) and goes to the
/// consumer's retries as before.
/// </remarks>
public sealed partial class PartnerCentralWrites(WriteBudget budget, ParkedWrites parking, WritePacer pacer, WriteBudgetMonitor monitor,
    IOptions<BusOptions> bus, TimeProvider clock, ILogger<PartnerCentralWrites> logger)
{
    static readonly HashSet<string> ThrottlingTypes = new(StringComparer.Ordinal)
    {
        "ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded", "Http429",
    };

    /// <summary>
    /// Makes <paramref name="call"/> when the budget allows and returns its result; otherwise parks the message of
    /// <paramref name="context"/> under <paramref name="write"/>'s key and returns null: the consumer then stops, and
    /// the message comes back when the budget allows it. Throws <see cref="WriteBudgetWaitException"/> when the write
    /// is to wait a moment (MassTransit's retry holds the message).
    /// </summary>
    public async Task<T?> TryWriteAsync<TMessage, T>(ConsumeContext<TMessage> context, PartnerCentralWrite write, Func<CancellationToken, Task<T>> call)
        where TMessage : class
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(call);
        var cancellationToken = context.CancellationToken;
        using var turn = await pacer.EnterAsync(cancellationToken);
        switch (await budget.RequestAsync(write, cancellationToken))
        {
            case BudgetDecision.Wait wait:
                return await WaitOrParkAsync<TMessage, T>(context, write, wait.Reason, clock.GetUtcNow() + wait.For, null);
            case BudgetDecision.Deferred deferred:
                await ParkAsync(context, write, deferred.Reason, deferred.Until);
                return null;
            case BudgetDecision.Granted granted:
                turn.Wrote();
                T result;
                try
                {
                    result = await call(cancellationToken);
                }
                catch (PartnerCentralException e) when (ThrottlingTypes.Contains(e.ErrorType))
                {
                    var (until, reason) = await budget.ThrottledAsync(granted.EntryId, e.RetryAfter, CancellationToken.None);
                    LogThrottled(logger, write.Operation, write.Subject, reason, until);
                    return await WaitOrParkAsync<TMessage, T>(context, write, reason, until, e);
                }
                catch
                {
                    await budget.CompleteAsync(granted.EntryId, CancellationToken.None);
                    throw;
                }

                await budget.CompleteAsync(granted.EntryId, CancellationToken.None);
                return result;
            default:
                throw new InvalidOperationException("The budget gave no answer.");
        }
    }

    /// <summary>As <see cref="TryWriteAsync{TMessage,T}"/> for a call without a result: true when it was made.</summary>
    public async Task<bool> TryWriteAsync<TMessage>(ConsumeContext<TMessage> context, PartnerCentralWrite write, Func<CancellationToken, Task> call)
        where TMessage : class
    {
        ArgumentNullException.ThrowIfNull(call);
        return await TryWriteAsync(context, write, async cancellationToken =>
        {
            await call(cancellationToken);
            return write;
        }) is not null;
    }

    async Task<T?> WaitOrParkAsync<TMessage, T>(ConsumeContext<TMessage> context, PartnerCentralWrite write, string reason, DateTimeOffset until, Exception? cause)
        where TMessage : class
        where T : class
    {
        var wait = until - clock.GetUtcNow();
        // A wait the retry would cut short (Bus:Retry:MaxRetryAfter) would only spend the message's retries.
        var longest = bus.Value.Retry.MaxRetryAfter < WriteBudget.LongestHeldWait ? bus.Value.Retry.MaxRetryAfter : WriteBudget.LongestHeldWait;
        if (wait > longest || bus.Value.Retry.EffectiveIntervals.Count == 0)
        {
            await ParkAsync(context, write, reason, until);
            return null;
        }

        monitor.Deferred(write, reason);
        throw new WriteBudgetWaitException(write, reason, wait, cause);
    }

    async Task ParkAsync<TMessage>(ConsumeContext<TMessage> context, PartnerCentralWrite write, string reason, DateTimeOffset? until)
        where TMessage : class
    {
        await parking.ParkAsync(write, context.Message, context.MessageId, reason, context.CancellationToken);
        monitor.Deferred(write, reason);
        if (until is { } time)
            LogParkedUntil(logger, write.Operation, write.Subject, reason, time);
        else
            LogParked(logger, write.Operation, write.Subject, reason);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Parked {Operation} of {Subject} ({Reason}) until about {Until:u}")]
    static partial void LogParkedUntil(ILogger logger, string operation, string subject, string reason, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Information, Message = "Parked {Operation} of {Subject} ({Reason}) until the priority work before it is done")]
    static partial void LogParked(ILogger logger, string operation, string subject, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Partner Central refused {Operation} of {Subject} ({Reason}); no write before {Until:u}")]
    static partial void LogThrottled(ILogger logger, string operation, string subject, string reason, DateTimeOffset until);
}
