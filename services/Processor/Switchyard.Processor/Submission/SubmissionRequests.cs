using MassTransit;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Sync;

namespace Switchyard.Processor.Submission;

/// <summary>
/// When a deal property change asks for a submission: <c>aws_submit_to_aws</c> became <c>true</c>, or <c>dealstage</c>
/// entered a stage of <c>Processor:Submission:Stages</c>; and how the event consumer asks for it.
/// </summary>
public static class SubmissionRequests
{
    /// <summary>The trigger of a ticked checkbox.</summary>
    public const string Checkbox = "checkbox";

    /// <summary>The trigger of a configured stage.</summary>
    public const string Stage = "stage";

    /// <summary>Whether a change of <paramref name="property"/> may ask for a submission (decided from the event alone).</summary>
    public static bool MayTrigger(string property, SubmissionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return property == DealProperties.SubmitToAws || (property == DealProperties.Stage && options.Stages.Count > 0);
    }

    /// <summary>What the deal, as read after the change, asks for: <see cref="Checkbox"/>, <see cref="Stage"/>, or null.</summary>
    public static string? TriggerOf(string property, HubSpotDeal deal, SubmissionOptions options)
    {
        ArgumentNullException.ThrowIfNull(deal);
        ArgumentNullException.ThrowIfNull(options);
        if (property == DealProperties.SubmitToAws)
            return string.Equals(deal.Property(DealProperties.SubmitToAws), "true", StringComparison.OrdinalIgnoreCase) ? Checkbox : null;
        return property == DealProperties.Stage && deal.Property(DealProperties.Stage) is { } stage
            && options.Stages.Contains(stage, StringComparer.OrdinalIgnoreCase) ? Stage : null;
    }

    /// <summary>
    /// Sends a <see cref="SubmitOpportunity"/> for <paramref name="deal"/> to the write queue, its id derived from the
    /// event's, unless the deal has no opportunity or a submission is in progress (then a skip says why).
    /// </summary>
    public static async Task RequestSubmission(this ConsumeContext<HubSpotEventReceived> context, HubSpotDeal deal, string trigger, Outcomes outcomes)
    {
        ArgumentNullException.ThrowIfNull(deal);
        ArgumentNullException.ThrowIfNull(outcomes);
        if (deal.Property(DealProperties.OpportunityId) is null)
        {
            // Decided: the opportunity comes first (#AWS in the name); the seller ticks again once it exists.
            await outcomes.SkippedAsync(context, SyncSkipReasons.NotSynced, $"Deal {deal.Id} has no Partner Central opportunity to submit yet.");
            return;
        }

        if (deal.Property(DealProperties.SubmissionStatus) == SubmissionValues.InProgress)
        {
            await outcomes.SkippedAsync(context, SyncSkipReasons.AlreadySynced, $"Deal {deal.Id}'s submission to AWS is in progress already.");
            return;
        }

        var message = context.Message;
        var endpoint = await context.GetSendEndpoint(SyncRequests.AddressFor(context));
        await endpoint.Send(new SubmitOpportunity
        {
            PortalId = message.PortalId,
            DealId = deal.Id,
            EventId = message.EventId,
            SubscriptionType = message.SubscriptionType,
            Trigger = trigger,
        }, outgoing => outgoing.DeriveFrom(context, $"submit/{deal.Id}"), context.CancellationToken);
    }
}
