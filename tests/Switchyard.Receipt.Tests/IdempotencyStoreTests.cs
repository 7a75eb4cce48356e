using Microsoft.Extensions.Options;
using Switchyard.Receipt.Events;

namespace Switchyard.Receipt.Tests;

/// <summary>The life of an <c>Idempotency-Key</c>: claimed, in flight, then replayed or released by what its publish did.</summary>
public class IdempotencyStoreTests
{
    static readonly EventAccepted First = new(Guid.NewGuid(), "accepted", new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    readonly ManualClock _clock = new();

    IdempotencyStore Store(int capacity = 100) => new(Options.Create(new ReceiptOptions
    {
        PublishTimeout = TimeSpan.FromSeconds(3),
        Events = new EventsApiOptions { IdempotencyWindow = TimeSpan.FromHours(24), IdempotencyCapacity = capacity },
    }), _clock);

    [Fact]
    public void A_claimed_key_is_in_flight_for_the_publish_timeout_and_the_grace_then_free_again()
    {
        var store = Store();
        store.Claim("k", "h").Kind.ShouldBe(IdempotencyClaimKind.New);

        _clock.Advance(TimeSpan.FromSeconds(2));
        var meanwhile = store.Claim("k", "h");
        meanwhile.Kind.ShouldBe(IdempotencyClaimKind.InFlight);
        meanwhile.RetryAfter.ShouldBe(TimeSpan.FromSeconds(3) + IdempotencyStore.InFlightGrace - TimeSpan.FromSeconds(2));

        _clock.Advance(TimeSpan.FromSeconds(6));
        store.Claim("k", "h").Kind.ShouldBe(IdempotencyClaimKind.New);
    }

    [Fact]
    public async Task A_confirmed_publish_is_replayed_for_the_window_and_a_failed_one_frees_the_key()
    {
        var store = Store();
        store.Settle(store.Claim("published", "h"), First, Task.FromResult(true));
        store.Settle(store.Claim("failed", "h"), First, Task.FromResult(false));
        var late = new TaskCompletionSource<bool>();
        store.Settle(store.Claim("late", "h"), First, late.Task);

        store.Claim("published", "h").Response.ShouldBe(First);
        store.Claim("published", "other").Kind.ShouldBe(IdempotencyClaimKind.Mismatch);
        store.Claim("failed", "h").Kind.ShouldBe(IdempotencyClaimKind.New);
        store.Claim("late", "h").Kind.ShouldBe(IdempotencyClaimKind.InFlight);

        late.SetResult(true);
        await late.Task;
        store.Claim("late", "h").Kind.ShouldBe(IdempotencyClaimKind.Replay);

        _clock.Advance(TimeSpan.FromHours(24));
        store.Claim("published", "h").Kind.ShouldBe(IdempotencyClaimKind.New);
    }

    [Fact]
    public void A_publish_confirmed_after_its_lease_ran_out_is_still_replayed()
    {
        var store = Store();
        var claim = store.Claim("k", "h");

        _clock.Advance(TimeSpan.FromMinutes(1));
        store.Complete(claim, First);

        store.Claim("k", "h").Response.ShouldBe(First);
    }

    [Fact]
    public void An_old_claim_settling_late_does_not_touch_the_claim_that_replaced_it()
    {
        var store = Store();
        var old = store.Claim("k", "h");
        _clock.Advance(TimeSpan.FromMinutes(1));
        var current = store.Claim("k", "h");
        current.Kind.ShouldBe(IdempotencyClaimKind.New);

        store.Release(old);
        store.Claim("k", "h").Kind.ShouldBe(IdempotencyClaimKind.InFlight);
        store.Complete(old, First);
        store.Claim("k", "h").Kind.ShouldBe(IdempotencyClaimKind.InFlight);

        var second = First with { Id = Guid.NewGuid() };
        store.Complete(current, second);
        store.Claim("k", "h").Response.ShouldBe(second);
    }

    [Fact]
    public void At_capacity_the_oldest_key_is_forgotten_first()
    {
        var store = Store(capacity: 2);
        store.Complete(store.Claim("a", "h"), First);
        store.Complete(store.Claim("b", "h"), First);

        store.Claim("c", "h").Kind.ShouldBe(IdempotencyClaimKind.New);

        store.Claim("b", "h").Kind.ShouldBe(IdempotencyClaimKind.Replay);
        store.Claim("a", "h").Kind.ShouldBe(IdempotencyClaimKind.New);
    }

    sealed class ManualClock : TimeProvider
    {
        DateTimeOffset _now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
