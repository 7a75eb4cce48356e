using Microsoft.Extensions.Options;

namespace Switchyard.Receipt.Events;

/// <summary>
/// Remembers <c>Idempotency-Key</c>s for <c>Receipt:Events:IdempotencyWindow</c>, per client: a key seen with the
/// same request replays the first answer; with a different request, or while the first is still being published, it
/// is refused. Held in memory: the event id derived from the key keeps downstream deduplication working across
/// instances and restarts.
/// </summary>
public sealed class IdempotencyStore(IOptions<ReceiptOptions> options, TimeProvider clock)
{
    readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    readonly LinkedList<string> _byAge = new();
    readonly Lock _lock = new();

    /// <summary>Claims <paramref name="key"/> for a request whose body hashes to <paramref name="requestHash"/>.</summary>
    public IdempotencyClaim Claim(string key, string requestHash)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            Expire(now);
            if (_entries.TryGetValue(key, out var entry))
            {
                if (entry.RequestHash != requestHash)
                    return IdempotencyClaim.Mismatch;
                return entry.Response is { } response ? IdempotencyClaim.Replay(response) : IdempotencyClaim.InFlight;
            }

            while (_entries.Count >= options.Value.Events.IdempotencyCapacity && _byAge.First is { } oldest)
            {
                _entries.Remove(oldest.Value);
                _byAge.RemoveFirst();
            }

            _entries[key] = new Entry(requestHash, null, now + options.Value.Events.IdempotencyWindow, _byAge.AddLast(key));
            return IdempotencyClaim.New;
        }
    }

    /// <summary>Records the answer to replay for <paramref name="key"/>.</summary>
    public void Complete(string key, EventAccepted response)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var entry))
                _entries[key] = entry with { Response = response };
        }
    }

    /// <summary>Forgets <paramref name="key"/> after a failed attempt, so that the client's retry is processed.</summary>
    public void Release(string key)
    {
        lock (_lock)
        {
            if (_entries.Remove(key, out var entry))
                _byAge.Remove(entry.Node);
        }
    }

    void Expire(DateTimeOffset now)
    {
        while (_byAge.First is { } oldest && _entries[oldest.Value].ExpiresAt <= now)
        {
            _entries.Remove(oldest.Value);
            _byAge.RemoveFirst();
        }
    }

    sealed record Entry(string RequestHash, EventAccepted? Response, DateTimeOffset ExpiresAt, LinkedListNode<string> Node);
}

/// <summary>The outcome of claiming an idempotency key.</summary>
public sealed record IdempotencyClaim(IdempotencyClaimKind Kind, EventAccepted? Response)
{
    /// <summary>The key is new: process the request.</summary>
    public static readonly IdempotencyClaim New = new(IdempotencyClaimKind.New, null);

    /// <summary>The same key came with a different request.</summary>
    public static readonly IdempotencyClaim Mismatch = new(IdempotencyClaimKind.Mismatch, null);

    /// <summary>The first request with this key is still being published.</summary>
    public static readonly IdempotencyClaim InFlight = new(IdempotencyClaimKind.InFlight, null);

    /// <summary>The key was answered before: answer the same.</summary>
    public static IdempotencyClaim Replay(EventAccepted response) => new(IdempotencyClaimKind.Replay, response);
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
