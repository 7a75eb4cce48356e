using Microsoft.AspNetCore.Mvc;
using Switchyard.WebConsole.Webhooks;

namespace Switchyard.WebConsole.Pages;

/// <summary>One attempt whole, with its redelivery.</summary>
internal sealed class DeliveryModel(DispatcherClient dispatcher) : ConsolePage
{
    /// <summary>The attempt.</summary>
    public DeliveryAttemptDetail? Detail { get; private set; }

    /// <summary>Why it could not be shown.</summary>
    public string? Error { get; private set; }

    /// <summary>The page.</summary>
    public async Task OnGetAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            Detail = await dispatcher.DeliveryAsync(UserName, id, cancellationToken);
        }
        catch (Exception e) when (e is DispatcherUnavailableException or DispatcherRefusedException)
        {
            Error = e.Message;
        }
    }

    /// <summary>Queues the same event again for the same subscription.</summary>
    public async Task<IActionResult> OnPostRedeliverAsync(long id, CancellationToken cancellationToken)
    {
        if (RefuseViewer() is { } refused)
            return refused;
        try
        {
            var queued = await dispatcher.RedeliverAsync(UserName, id, cancellationToken);
            Notice($"Redelivery of {queued.WebhookId} to {queued.SubscriptionId} queued; its attempt will appear in the log.");
            return Redirect($"/console/deliveries?subscription={Uri.EscapeDataString(queued.SubscriptionId)}");
        }
        catch (Exception e) when (e is DispatcherUnavailableException or DispatcherRefusedException)
        {
            Problem(e.Message);
            return RedirectToPage(new { id });
        }
    }
}
