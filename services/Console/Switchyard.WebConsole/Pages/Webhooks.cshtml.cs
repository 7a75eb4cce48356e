using Microsoft.AspNetCore.Mvc;
using Switchyard.WebConsole.Webhooks;

namespace Switchyard.WebConsole.Pages;

/// <summary>Subscriptions with their health; enable, disable, rotate the secret, send a test event.</summary>
internal sealed class WebhooksModel(DispatcherClient dispatcher) : ConsolePage
{
    /// <summary>The subscriptions the signed-in client can see.</summary>
    public IReadOnlyList<SubscriptionItem> Subscriptions { get; private set; } = [];

    /// <summary>A secret just rotated: rendered in this answer only, never stored or redirected with.</summary>
    public RotatedSecret? Rotated { get; private set; }

    /// <summary>Why the dispatcher could not be asked.</summary>
    public string? Error { get; private set; }

    /// <summary>The page.</summary>
    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    /// <summary>Re-enables a subscription; its waiting deliveries are then replayed from the failed messages.</summary>
    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(async () => await dispatcher.EnableAsync(UserName, id, cancellationToken),
            $"Subscription {id} is enabled. Its deliveries that waited are in Failed messages: replay them there.");

    /// <summary>Stops delivering to a subscription.</summary>
    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(async () => await dispatcher.DisableAsync(UserName, id, cancellationToken),
            $"Subscription {id} is disabled: its deliveries wait in the failed messages until it is enabled.");

    /// <summary>Queues a test event for one subscription.</summary>
    public async Task<IActionResult> OnPostTestAsync(string id, CancellationToken cancellationToken)
    {
        if (RefuseViewer() is { } refused)
            return refused;
        try
        {
            var queued = await dispatcher.SendTestAsync(UserName, id, cancellationToken);
            Notice($"A test event is on its way to {id} (webhook-id {queued.WebhookId}); its attempts are in the delivery log.");
            return Redirect($"/console/deliveries?subscription={Uri.EscapeDataString(id)}");
        }
        catch (Exception e) when (e is DispatcherUnavailableException or DispatcherRefusedException)
        {
            Problem(e.Message);
            return RedirectToPage();
        }
    }

    /// <summary>Makes a new secret and shows it in this answer, once.</summary>
    public async Task<IActionResult> OnPostRotateAsync(string id, CancellationToken cancellationToken)
    {
        if (RefuseViewer() is { } refused)
            return refused;
        try
        {
            Rotated = await dispatcher.RotateAsync(UserName, id, cancellationToken);
        }
        catch (Exception e) when (e is DispatcherUnavailableException or DispatcherRefusedException)
        {
            Error = e.Message;
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    async Task<IActionResult> ActAsync(Func<Task> act, string done)
    {
        if (RefuseViewer() is { } refused)
            return refused;
        try
        {
            await act();
            Notice(done);
        }
        catch (Exception e) when (e is DispatcherUnavailableException or DispatcherRefusedException)
        {
            Problem(e.Message);
        }

        return RedirectToPage();
    }

    async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            Subscriptions = await dispatcher.SubscriptionsAsync(UserName, cancellationToken);
        }
        catch (Exception e) when (e is DispatcherUnavailableException or DispatcherRefusedException)
        {
            Error ??= e.Message;
        }
    }
}
