using MassTransit;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Mapping;
using Switchyard.Processor.Sync;

namespace Switchyard.Processor.HubSpotEvents;

/// <summary>A note was created: its text becomes the next steps of the opportunities of the synced deals it is attached to.</summary>
public sealed class NoteCreatedConsumer(IHubSpotCrmClient crm, OpportunityMapper mapper, TimeProvider clock) : IConsumer<HubSpotEventReceived>
{
    /// <inheritdoc />
    public async Task Consume(ConsumeContext<HubSpotEventReceived> context)
    {
        var noteId = context.Message.ObjectId;
        var note = await crm.GetNoteAsync(noteId, context.CancellationToken);
        if (note is null)
        {
            await context.PublishSkipped(SyncSkipReasons.ObjectNotFound, $"Note {noteId} no longer exists in HubSpot.", clock);
            return;
        }

        var nextSteps = NextStepsText.FromNoteHtml(note.Body);
        if (string.IsNullOrWhiteSpace(nextSteps))
        {
            await context.PublishSkipped(SyncSkipReasons.EmptyNote, $"Note {noteId} has no text.", clock);
            return;
        }

        var synced = await SyncedDeals.AmongAsync(crm, mapper, note.DealIds, includeFailedCreations: false, context.CancellationToken);
        if (synced.Count == 0)
        {
            await context.PublishSkipped(SyncSkipReasons.NotSynced, $"Note {noteId} is not attached to a deal with a Partner Central opportunity.", clock);
            return;
        }

        foreach (var dealId in synced)
            await context.RequestSync(dealId, SyncTriggers.NoteAdded, nextSteps);
    }
}
