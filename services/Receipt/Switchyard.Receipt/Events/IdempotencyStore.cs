using Microsoft.Extensions.Options;

namespace Switchyard.Receipt.Events;

/// <summary>
/// Remembers <c>Idempotency-Key</c>s for <c>Receipt:Events:IdempotencyWindow</c>, per client: a key seen with the
/// same request replays the first answer; with a different request, or while the first is still being published, it
/// is refused. Held in memory: the event id derived from the key keeps downstream deduplication working across
/// instances and restarts.
/// </summary>
/// <remarks>
/// A key follows what happened to its publish, whatever happened to the request: confirmed (even after the client left
/// or was answered 503) it replays; failed or given up it is released, so the client's retry is published. A key whose
/// publish never settles is released anyway once <see cref="InFlightLease"/> is over, soon after the publish timeout.
/// </remarks>
public sealed class IdempotencyStore(IOptions<ReceiptOptions> options, TimeProvider clock)
{
    /// <summary>How long past <c>Receipt:PublishTimeout</c> a key stays in flight when nothing settles it.</summary>
    public static readonly TimeSpan InFlightGrace = TimeSpan.FromSeconds(5);

    readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    readonly LinkedList<string> _byAge = new();
    readonly Lock _lock = new();
    long _lastTicket;

    /// <summary>How long a claimed key is in flight at most: the publish timeout and <see cref="InFlightGrace"/>.</summary>
    public TimeSpan InFlightLease => options.Value.PublishTimeout + InFlightGrace;

    /// <summary>Claims <paramref name="key"/> for a request whose body hashes to <paramref name="requestHash"/>.</summary>
    public IdempotencyClaim Claim(string key, string requestHash)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            Expire(now);
            if (_entries.TryGetValue(key, out var entry))
            {
                if (entry.Response is null && entry.ExpiresAt <= now)
                    Remove(key, entry);
                else if (entry.RequestHash != requestHash)
                    return IdempotencyClaim.Mismatch;
                else if (entry.Response is { } response)
                    return IdempotencyClaim.Replay(response);
                else
                    return IdempotencyClaim.InFlight(entry.ExpiresAt - now);
            }

            while (_entries.Count >= options.Value.Events.IdempotencyCapacity && _byAge.First is { } oldest)
                Remove(oldest.Value, _entries[oldest.Value]);

            var ticket = ++_lastTicket;
            _entries[key] = new Entry(requestHash, ticket, null, now + InFlightLease, _byAge.AddLast(key));
            return IdempotencyClaim.New(key, requestHash, ticket);
        }
    }

    /// <summary>
    /// Settles a new claim by its publish: <paramref name="confirmed"/> true records <paramref name="response"/> to
    /// replay, false releases the key. A publish still under way settles the claim when it ends.
    /// </summary>
    public void Settle(IdempotencyClaim claim, EventAccepted response, Task<bool> confirmed)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(confirmed);
        if (claim.Kind != IdempotencyClaimKind.New)
            throw new ArgumentException("Only a new claim is settled.", nameof(claim));

        if (confirmed.IsCompleted)
            Apply(confirmed.IsCompletedSuccessfully && confirmed.Result);
        else
            confirmed.ContinueWith(task => Apply(task.IsCompletedSuccessfully && task.Result), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

        void Apply(bool published)
        {
            if (published)
                Complete(claim, response);
            else
                Release(claim);
        }
    }

    /// <summary>Records the answer to replay for a claim whose event was published.</summary>
    public void Complete(IdempotencyClaim claim, EventAccepted response)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (_entries.TryGetValue(claim.Key, out var entry))
            {
                // A later request holds the key (this claim's lease ran out): its own publish settles it.
                if (entry.Ticket != claim.Ticket)
                    return;
                Remove(claim.Key, entry);
            }

            // Also when the lease ran out before the broker confirmed: the event is published, so a retry must replay.
            _entries[claim.Key] = new Entry(claim.RequestHash, claim.Ticket, response, now + options.Value.Events.IdempotencyWindow,
                _byAge.AddLast(claim.Key));
        }
    }

    /// <summary>Forgets a claim whose publish failed or was given up, so that the client's retry is processed.</summary>
    public void Release(IdempotencyClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        lock (_lock)
        {
            if (_entries.TryGetValue(claim.Key, out var entry) && entry.Ticket == claim.Ticket && entry.Response is null)
                Remove(claim.Key, entry);
        }
    }

    void Expire(DateTimeOffset now)
    {
        // Completed entries expire in the order they were completed; a claim whose lease ran out further back is
        // dropped when it is claimed again or reaches the front.
        while (_byAge.First is { } oldest && _entries[oldest.Value].ExpiresAt <= now)
            Remove(oldest.Value, _entries[oldest.Value]);
    }

    void Remove(string key, Entry entry)
    {
        _entries.Remove(key);
        _byAge.Remove(entry.Node);
    }

    sealed record Entry(string RequestHash, long Ticket, EventAccepted? Response, DateTimeOffset ExpiresAt, LinkedListNode<string> Node);
}

/// <summary>The outcome of claiming an idempotency key.</summary>
public sealed record IdempotencyClaim
{
    IdempotencyClaim(IdempotencyClaimKind kind)
    {
        Kind = kind;
    }

    /// <summary>What the store found.</summary>
    public IdempotencyClaimKind Kind { get; }

    /// <summary>The key (per client), for a new claim.</summary>
    public string Key { get; private init; } = "";

    /// <summary>The hash of the request that claimed the key, for a new claim.</summary>
    public string RequestHash { get; private init; } = "";

    /// <summary>Tells this claim from a later one of the same key, for a new claim.</summary>
    public long Ticket { get; private init; }

    /// <summary>The answer to replay.</summary>
    public EventAccepted? Response { get; private init; }

    /// <summary>How long the first request may still hold the key, when in flight.</summary>
    public TimeSpan RetryAfter { get; private init; }

    /// <summary>The same key came with a different request.</summary>
    public static readonly IdempotencyClaim Mismatch = new(IdempotencyClaimKind.Mismatch);

    /// <summary>The key is new and now held by this request: publish, then settle the claim.</summary>
    public static IdempotencyClaim New(string key, string requestHash, long ticket) =>
        new(IdempotencyClaimKind.New) { Key = key, RequestHash = requestHash, Ticket = ticket };

    /// <summary>The first request with this key is still being published, for at most <paramref name="retryAfter"/>.</summary>
    public static IdempotencyClaim InFlight(TimeSpan retryAfter) => new(IdempotencyClaimKind.InFlight) { RetryAfter = retryAfter };

    /// <summary>The key was answered before: answer the same.</summary>
    public static IdempotencyClaim Replay(EventAccepted response) => new(IdempotencyClaimKind.Replay) { Response = response };
}

/// <summary>What claiming an idempotency key found.</summary>
public enum IdempotencyClaimKind
{
    /// <summary>Not seen.</summary>
    New,

    /// <summary>Seen with the same request and answered.</summary>
    Replay,

    /// <summary>Seen with a different request.</summary>
    Mismatch,

    /// <summary>Seen, still being processed.</summary>
    InFlight,
}
