using MassTransit;

namespace Switchyard.Hosting.Bus;

/// <summary>
/// Decorates a MassTransit retry policy: a retry after an <see cref="IRetryAfter"/> exception waits at least what it
/// asked for, never more than <paramref name="cap"/>, and otherwise the inner policy's interval. The number of retries
/// and which exceptions are retried stay the inner policy's.
/// </summary>
/// <param name="inner">The policy that decides whether and when to retry.</param>
/// <param name="cap">The longest wait honoured: immediate retries hold the message, longer waits belong to redelivery.</param>
public sealed class RetryAfterPolicy(IRetryPolicy inner, TimeSpan cap) : IRetryPolicy
{
    /// <inheritdoc />
    public void Probe(ProbeContext context) => inner.Probe(context);

    /// <inheritdoc />
    public bool IsHandled(Exception exception) => inner.IsHandled(exception);

    /// <inheritdoc />
    public RetryPolicyContext<T> CreatePolicyContext<T>(T context) where T : class, PipeContext =>
        new PolicyContext<T>(inner.CreatePolicyContext(context), cap);

    static TimeSpan? DelayFor(Exception exception, TimeSpan? interval, TimeSpan cap) =>
        exception is IRetryAfter { RetryAfter: { } asked }
            ? TimeSpan.FromTicks(Math.Max((interval ?? TimeSpan.Zero).Ticks, Math.Min(asked.Ticks, cap.Ticks)))
            : interval;

    sealed class PolicyContext<T>(RetryPolicyContext<T> inner, TimeSpan cap) : RetryPolicyContext<T> where T : class
    {
        public T Context => inner.Context;

        public bool CanRetry(Exception exception, out RetryContext<T> retryContext)
        {
            var canRetry = inner.CanRetry(exception, out var next);
            retryContext = new DelayedRetryContext<T>(next, exception, cap);
            return canRetry;
        }

        public Task RetryFaulted(Exception exception) => inner.RetryFaulted(exception);

        public void Cancel() => inner.Cancel();

        public void Dispose() => inner.Dispose();
    }

    /// <summary>The inner retry context, with the delay stretched for the exception that caused this retry.</summary>
    sealed class DelayedRetryContext<T>(RetryContext<T> inner, Exception cause, TimeSpan cap) : RetryContext<T> where T : class
    {
        public T Context => inner.Context;

        public CancellationToken CancellationToken => inner.CancellationToken;

        public Exception Exception => inner.Exception;

        public int RetryAttempt => inner.RetryAttempt;

        public int RetryCount => inner.RetryCount;

        // The cause, not inner.Exception: MassTransit's contexts keep the first exception for every later attempt.
        public TimeSpan? Delay => DelayFor(cause, inner.Delay, cap);

        public Type ContextType => inner.ContextType;

        public Task RetryFaulted(Exception exception) => inner.RetryFaulted(exception);

        public Task PreRetry() => inner.PreRetry();

        public bool CanRetry(Exception exception, out RetryContext<T> retryContext)
        {
            var canRetry = inner.CanRetry(exception, out var next);
            retryContext = new DelayedRetryContext<T>(next, exception, cap);
            return canRetry;
        }
    }
}
