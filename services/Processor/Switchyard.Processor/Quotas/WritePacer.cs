using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Switchyard.Processor.Quotas;

/// <summary>
/// The per-second write quota within this instance: <c>WritesPerSecond</c> permits, each given back a second after the
/// write that took it has completed (at once when no write was made). A write waits for a permit, not in a sleep: like
/// MassTransit's rate limit (a semaphore whose permits a timer gives back), except that MassTransit gives them back on
/// fixed ticks, whatever the messages did in between, which can let two writes through milliseconds apart across a tick.
/// </summary>
/// <remarks>
/// Across instances the ledger's own per-second check (see <see cref="WriteBudget"/>) holds; this only saves the
/// instance that consumes the write queue from asking it in vain.
/// </remarks>
public sealed class WritePacer : IDisposable
{
    static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    readonly SemaphoreSlim _permits;
    readonly TimeProvider _clock;
    readonly ConcurrentDictionary<ReturnTimer, byte> _pending = new();

    /// <summary>Creates the permits.</summary>
    public WritePacer(IOptions<PartnerCentralQuotaOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        var permits = options.Value.WritesPerSecond;
        _permits = new SemaphoreSlim(permits, permits);
        _clock = clock;
    }

    /// <summary>Waits for a permit; dispose the turn when the write (or the decision not to write) is done.</summary>
    public async Task<Turn> EnterAsync(CancellationToken cancellationToken)
    {
        await _permits.WaitAsync(cancellationToken);
        return new Turn(this);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        // A timer taken out of the pending set gives nothing back when it fires.
        foreach (var timer in _pending.Keys)
        {
            _pending.TryRemove(timer, out _);
            timer.Dispose();
        }

        _permits.Dispose();
    }

    void Return(bool wrote)
    {
        if (!wrote)
        {
            _permits.Release();
            return;
        }

        var timer = new ReturnTimer(this);
        _pending[timer] = 0;
        timer.Start(_clock, Second);
    }

    /// <summary>One write's hold on a permit.</summary>
    public sealed class Turn : IDisposable
    {
        readonly WritePacer _pacer;
        bool _wrote;
        int _returned;

        internal Turn(WritePacer pacer) => _pacer = pacer;

        /// <summary>Says that a request was sent: the permit comes back a second after the turn ends.</summary>
        public void Wrote() => _wrote = true;

        /// <inheritdoc />
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _returned, 1) == 0)
                _pacer.Return(_wrote);
        }
    }

    sealed class ReturnTimer(WritePacer pacer) : IDisposable
    {
        ITimer? _timer;

        public void Start(TimeProvider clock, TimeSpan after) =>
            _timer = clock.CreateTimer(_ => Fire(), null, after, Timeout.InfiniteTimeSpan);

        public void Dispose() => _timer?.Dispose();

        void Fire()
        {
            if (!pacer._pending.TryRemove(this, out _))
                return;
            Dispose();
            pacer._permits.Release();
        }
    }
}
