using MassTransit;

namespace Switchyard.Hosting.Bus;

/// <summary>
/// Decorates a MassTransit retry policy (for Switchyard, the interval policy of delayed redelivery): each wait is the
/// inner policy's, spread by up to <paramref name="jitter"/> of its length as <see cref="RedeliverySchedule.Spread"/>
/// decides for the message and the retry's number. How many retries there are and which exceptions are retried stay
/// the inner policy's.
/// </summary>
/// <param name="inner">The policy that decides whether and when to retry.</param>
/// <param name="jitter">The fraction of each wait it may stray by, from 0 to <see cref="RedeliverySchedule.MaxJitter"/>.</param>
public sealed class JitteredRetryPolicy(IRetryPolicy inner, double jitter) : IRetryPolicy
{
    /// <inheritdoc />
    public void Probe(ProbeContext context) => inner.Probe(context);

    /// <inheritdoc />
    public bool IsHandled(Exception exception) => inner.IsHandled(exception);

    /// <inheritdoc />
    public RetryPolicyContext<T> CreatePolicyContext<T>(T context) where T : class, PipeContext =>
        new PolicyContext<T>(inner.CreatePolicyContext(context), jitter);

    static Guid? MessageIdOf(PipeContext context) => context is ConsumeContext consume ? consume.MessageId : null;

    sealed class PolicyContext<T>(RetryPolicyContext<T> inner, double jitter) : RetryPolicyContext<T> where T : class
    {
        public T Context => inner.Context;

        public bool CanRetry(Exception exception, out RetryContext<T> retryContext)
        {
            var canRetry = inner.CanRetry(exception, out var next);
            retryContext = new JitteredRetryContext<T>(next, jitter);
            return canRetry;
        }

        public Task RetryFaulted(Exception exception) => inner.RetryFaulted(exception);

        public void Cancel() => inner.Cancel();

        public void Dispose() => inner.Dispose();
    }

    /// <summary>The inner retry context, its delay spread for this message and retry.</summary>
    sealed class JitteredRetryContext<T>(RetryContext<T> inner, double jitter) : RetryContext<T> where T : class
    {
        public T Context => inner.Context;

        public CancellationToken CancellationToken => inner.CancellationToken;

        public Exception Exception => inner.Exception;

        public int RetryAttempt => inner.RetryAttempt;

        public int RetryCount => inner.RetryCount;

        // RetryCount is the index of the interval the inner policy waits (0 for the first), as the redelivery count
        // the consumer reads is: both sides spread the same wait the same way.
        public TimeSpan? Delay => inner.Delay is { } delay && inner.Context is PipeContext pipe
            ? RedeliverySchedule.Spread(delay, inner.RetryCount, MessageIdOf(pipe), jitter)
            : inner.Delay;

        public Type ContextType => inner.ContextType;

        public Task RetryFaulted(Exception exception) => inner.RetryFaulted(exception);

        public Task PreRetry() => inner.PreRetry();

        public bool CanRetry(Exception exception, out RetryContext<T> retryContext)
        {
            var canRetry = inner.CanRetry(exception, out var next);
            retryContext = new JitteredRetryContext<T>(next, jitter);
            return canRetry;
        }
    }
}
