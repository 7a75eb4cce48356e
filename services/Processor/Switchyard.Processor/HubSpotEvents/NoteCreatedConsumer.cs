using MassTransit;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;
using Switchyard.Processor.Sync;

namespace Switchyard.Processor.HubSpotEvents;

/// <summary>A note was created: its text becomes the next steps of the opportunities of the synced deals it is attached to.</summary>
public sealed class NoteCreatedConsumer(IHubSpotCrmClient crm, OpportunityMapper mapper, Outcomes outcomes) : IConsumer<HubSpotEventReceived>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<HubSpotEventReceived> context)
    {
        var noteId = context.Message.ObjectId;
        // Switchyard's own notes (what AWS's review said, why a sync failed) are not next steps for AWS.
        if (OwnChanges.IsOwn(context.Message))
        {
            await outcomes.SkippedAsync(context, SyncSkipReasons.OwnChange, $"Note {noteId} was written by Switchyard.");
            return;
        }

        var note = await crm.GetNoteAsync(noteId, context.CancellationToken);
        if (note is null)
        {
            await outcomes.SkippedAsync(context, SyncSkipReasons.ObjectNotFound, $"Note {noteId} no longer exists in HubSpot.");
            return;
        }

        var nextSteps = NextStepsText.FromNoteHtml(note.Body);
        if (string.IsNullOrWhiteSpace(nextSteps))
        {
            await outcomes.SkippedAsync(context, SyncSkipReasons.EmptyNote, $"Note {noteId} has no text.");
            return;
        }

        var synced = await SyncedDeals.AmongAsync(crm, mapper, note.DealIds, includeFailedCreations: false, context.CancellationToken);
        if (synced.Count == 0)
        {
            await outcomes.SkippedAsync(context, SyncSkipReasons.NotSynced, $"Note {noteId} is not attached to a deal with a Partner Central opportunity.");
            return;
        }

        foreach (var dealId in synced)
            await context.RequestSync(dealId, SyncTriggers.NoteAdded, nextSteps);
    }
}
