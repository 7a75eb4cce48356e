using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Switchyard.Emulators.HubSpot;

/// <summary>
/// Sends the webhook events the emulator records to an app's target URL as they happen, the way HubSpot serves a
/// private app's webhook subscriptions: every change, the app's own writes through the API included (those say
/// <c>changeSource</c> <c>INTEGRATION</c>), in order, in batches of up to 100, signed (v3) with the client secret
/// (<see cref="HubSpotWebhookSender"/>). With it a test sees what Switchyard does when its own writes come back.
/// </summary>
/// <remarks>
/// It takes the state's webhooks (<see cref="HubSpotEmulatorState.TakeWebhooks"/>): nothing else should take them
/// while it runs. HubSpot retries a failed delivery later; the feed does not, it records it
/// (<see cref="Deliveries"/>) for the test to see.
/// </remarks>
public sealed class HubSpotWebhookFeed : IAsyncDisposable
{
    readonly HubSpotEmulatorState _state;
    readonly HttpClient _http;
    readonly Uri _target;
    readonly string? _clientSecret;
    readonly Channel<bool> _recorded = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    readonly ConcurrentQueue<HubSpotWebhookDelivery> _deliveries = new();
    readonly CancellationTokenSource _stopping = new();
    readonly Task _pump;

    HubSpotWebhookFeed(HubSpotEmulatorState state, Uri target, string? clientSecret)
    {
        _state = state;
        _target = target;
        _clientSecret = clientSecret;
        _http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        _state.WebhookRecorded += Signal;
        // Whatever was recorded before the feed started goes first.
        Signal();
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Every POST so far, in order: its events and the status the target answered (0 when it could not be reached).</summary>
    public IReadOnlyList<HubSpotWebhookDelivery> Deliveries => _deliveries.ToArray();

    /// <summary>The events the target accepted (2xx), in order.</summary>
    public IReadOnlyList<HubSpotWebhookEvent> Delivered => Deliveries.Where(d => d.Accepted).SelectMany(d => d.Events).ToList();

    /// <summary>Starts sending <paramref name="state"/>'s webhooks to <paramref name="target"/>, signed with <paramref name="clientSecret"/> when given.</summary>
    public static HubSpotWebhookFeed Start(HubSpotEmulatorState state, Uri target, string? clientSecret = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(target);
        return new HubSpotWebhookFeed(state, target, clientSecret);
    }

    void Signal() => _recorded.Writer.TryWrite(true);

    async Task PumpAsync()
    {
        var stopping = _stopping.Token;
        try
        {
            while (await _recorded.Reader.WaitToReadAsync(stopping))
            {
                _recorded.Reader.TryRead(out _);
                foreach (var batch in _state.TakeWebhooks().Chunk(HubSpotWebhookSender.MaxBatch))
                    _deliveries.Enqueue(new HubSpotWebhookDelivery(batch, await SendAsync(batch, stopping)));
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    async Task<int> SendAsync(IReadOnlyList<HubSpotWebhookEvent> batch, CancellationToken cancellationToken)
    {
        try
        {
            return (await HubSpotWebhookSender.SendAsync(_http, _target, batch, _clientSecret, _state.Clock, cancellationToken)).Single();
        }
        catch (HttpRequestException)
        {
            return 0;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The client's timeout: the target did not answer.
            return 0;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _state.WebhookRecorded -= Signal;
        await _stopping.CancelAsync();
        await _pump;
        _stopping.Dispose();
        _http.Dispose();
    }
}

/// <summary>One POST of a <see cref="HubSpotWebhookFeed"/>.</summary>
/// <param name="Events">The batch's events, in order.</param>
/// <param name="StatusCode">What the target answered; 0 when it could not be reached or did not answer.</param>
public sealed record HubSpotWebhookDelivery(IReadOnlyList<HubSpotWebhookEvent> Events, int StatusCode)
{
    /// <summary>Whether the target accepted the batch (2xx).</summary>
    public bool Accepted => StatusCode is >= 200 and < 300;
}
