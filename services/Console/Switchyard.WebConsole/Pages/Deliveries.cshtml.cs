using System.Globalization;
using Switchyard.WebConsole.Webhooks;

namespace Switchyard.WebConsole.Pages;

/// <summary>The delivery log, filtered by subscription, event type, status and time, newest first.</summary>
internal sealed class DeliveriesModel(DispatcherClient dispatcher) : ConsolePage
{
    /// <summary>The statuses an attempt can have.</summary>
    public static readonly string[] Outcomes = ["delivered", "retrying", "failed", "gone", "dropped"];

    /// <summary>The filters of this page.</summary>
    public DeliveryFilter Filter { get; private set; } = new(null, null, null, null, null);

    /// <summary>The time filter as the form's field shows it.</summary>
    public string? SinceText => Filter.Since?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    /// <summary>The attempts.</summary>
    public DeliveryList? Attempts { get; private set; }

    /// <summary>Why the log could not be read.</summary>
    public string? Error { get; private set; }

    /// <summary>The page.</summary>
    public async Task OnGetAsync(string? subscription, string? eventType, string? outcome, string? since, long? before, CancellationToken cancellationToken)
    {
        DateTimeOffset? from = null;
        if (!string.IsNullOrWhiteSpace(since))
        {
            if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
                from = parsed;
            else
                Error = $"'{since}' is not a time: use the form's picker or yyyy-MM-ddTHH:mm (UTC).";
        }

        if (outcome is { Length: > 0 } && !Outcomes.Contains(outcome))
            Error = $"'{outcome}' is not a status: use one of {string.Join(", ", Outcomes)}.";

        Filter = new DeliveryFilter(Blank(subscription), Blank(eventType), Blank(outcome), from, before);
        if (Error is not null)
            return;
        try
        {
            Attempts = await dispatcher.DeliveriesAsync(UserName, Filter, cancellationToken);
        }
        catch (Exception e) when (e is DispatcherUnavailableException or DispatcherRefusedException)
        {
            Error = e.Message;
        }
    }

    static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
