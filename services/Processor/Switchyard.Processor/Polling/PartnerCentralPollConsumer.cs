using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Switchyard.Contracts.PartnerCentral;
using Switchyard.Hosting.Messaging;
using Switchyard.Processor.Invitations;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Polling;

/// <summary>
/// Polls Partner Central: every page of <c>ListOpportunities</c> modified since the checkpoint (less the overlap),
/// each as a <see cref="PartnerCentralOpportunityChanged"/>, and the received invitations still <c>PENDING</c> or
/// ended recently (<c>ListEngagementInvitations</c>), each new or changed one (<see cref="ReportedInvitations"/>) as a
/// <see cref="PartnerCentralInvitationChanged"/>: the same messages the
/// EventBridge events become. AWS's documentation of <c>ListOpportunities</c> describes exactly this ("Find the latest
/// LastModifiedDate that you stored ... submit the date in ISO 8601 format in the AfterLastModifiedDate filter ... Use
/// NextToken to iterate over all pages", partnercentral-selling.service-2.json).
/// </summary>
/// <remarks>
/// The messages are published on the bus directly, not through the consume's outbox, so the checkpoint moves only
/// after the broker has confirmed them; a poll that fails half-way publishes again from the old checkpoint, and each
/// message's id is derived from the opportunity and its <c>LastModifiedDate</c> (the invitation and its status), so a
/// repeat is the same message. A tick sooner than the interval after the last completed poll (several instances'
/// timers) is skipped.
/// </remarks>
public sealed partial class PartnerCentralPollConsumer(
    IPartnerCentralClient partnerCentral,
    IPollingCheckpoints checkpoints,
    ReportedInvitations reported,
    IBus bus,
    IOptions<PollingOptions> options,
    IOptions<PartnerCentralOptions> partnerCentralOptions,
    IOptions<InvitationOptions> invitationOptions,
    TimeProvider clock,
    ILogger<PartnerCentralPollConsumer> logger) : IConsumer<PollPartnerCentral>
{
    /// <summary>The checkpoint of the opportunities.</summary>
    public const string OpportunitiesStream = "partner-central-opportunities";

    static readonly Guid Namespace = new("b7e3c1a2-64f0-4d8e-9a15-2f7c0d3e8b41");

    // A timer's tick may come a little early; an instance's own tick must not be skipped for that.
    const double EarlyTickTolerance = 0.9;

    // Far more than a partner has; a loop that never ends is the alternative.
    const int MaxPages = 10_000;

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<PollPartnerCentral> context)
    {
        var settings = options.Value;
        var cancellationToken = context.CancellationToken;
        var startedAt = clock.GetUtcNow();
        var checkpoint = await checkpoints.ReadAsync(OpportunitiesStream, cancellationToken);
        if (checkpoint is not null && startedAt - checkpoint.PolledAt < settings.Interval * EarlyTickTolerance)
        {
            LogSkipped(logger, checkpoint.PolledAt);
            return;
        }

        var since = (checkpoint?.LastModified ?? startedAt - settings.InitialLookback) - settings.Overlap;
        var newest = checkpoint?.LastModified;
        var published = 0;
        string? token = null;
        var pages = 0;
        do
        {
            var page = await partnerCentral.ListOpportunitiesAsync(since, token, cancellationToken);
            foreach (var opportunity in page.Opportunities)
            {
                await bus.Publish(new PartnerCentralOpportunityChanged
                {
                    Catalog = partnerCentralOptions.Value.Catalog,
                    OpportunityId = opportunity.Id,
                    Change = PartnerCentralChangeSources.Polled,
                    Source = PartnerCentralChangeSources.Polling,
                    LastModifiedDate = opportunity.LastModifiedDate,
                    OccurredAt = startedAt,
                }, outgoing => outgoing.MessageId = NameBasedGuid.Create(Namespace, $"opportunity/{opportunity.Id}/{opportunity.LastModifiedDate.UtcTicks}"),
                    cancellationToken);
                published++;
                if (newest is null || opportunity.LastModifiedDate > newest)
                    newest = opportunity.LastModifiedDate;
            }

            token = page.NextToken;
        }
        while (token is not null && ++pages < MaxPages);

        var (invitations, invitationReports) = await PollInvitationsAsync(startedAt, cancellationToken);

        // After the publishes are confirmed: a failure before this line polls the same window again.
        await checkpoints.WriteAsync(OpportunitiesStream, new PollingCheckpoint(newest ?? since + settings.Overlap, startedAt), cancellationToken);
        // A poll runs every few seconds in a local run: only one that found something is worth a line at Information.
        if (published > 0 || invitationReports > 0)
            LogPolled(logger, published, since, invitations, invitationReports);
        else
            LogPolledNothing(logger, since, invitations);
    }

    async Task<(int Pending, int Reports)> PollInvitationsAsync(DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        // ListEngagementInvitations has no modified-since filter. The pending ones are listed each time; so are those
        // that ended (accepted, rejected or expired, also in Partner Central's console) recently enough to have ended
        // since the last polls, newest first, so that an event EventBridge lost still reaches the referral's deal.
        // An invitation ends within 15 days of being sent ("Invitations will automatically expire if not accepted within
        // 15 days", ListEngagementInvitationsRequest in AWS's model); a day more covers polls missed meanwhile.
        var window = TimeSpan.FromDays(15) + TimeSpan.FromDays(1);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        var pending = await PublishInvitationsAsync(["PENDING"], since: null, startedAt, listed, cancellationToken);
        var ended = await PublishInvitationsAsync(["ACCEPTED", "REJECTED", "EXPIRED"], startedAt - window, startedAt, listed, cancellationToken);
        reported.KeepOnly(listed);
        return (pending.Listed, pending.Reports + ended.Reports);
    }

    async Task<(int Listed, int Reports)> PublishInvitationsAsync(IReadOnlyList<string> statuses, DateTimeOffset? since, DateTimeOffset startedAt,
        HashSet<string> listed, CancellationToken cancellationToken)
    {
        var count = 0;
        var reports = 0;
        string? token = null;
        var pages = 0;
        do
        {
            var page = await partnerCentral.ListReceivedInvitationsAsync(statuses, token, cancellationToken);
            foreach (var invitation in page.Invitations)
            {
                // Newest first: the first one sent before the window ends the listing.
                if (since is not null && invitation.InvitationDate < since)
                    return (count, reports);
                count++;
                listed.Add(invitation.Id);
                // An accepted one is reported every poll: AWS creates its opportunity after the acceptance ("The task is
                // asynchronous"), and only a later report links the deal to it (its consumer reads the deal first, so a
                // linked one costs one HubSpot read).
                var remindAt = invitation.Status == "PENDING" ? invitation.ExpirationDate - invitationOptions.Value.WarnBefore : null;
                if (invitation.Status != "ACCEPTED" && reported.WasReported(invitation.Id, invitation.Status ?? "", remindAt, startedAt))
                    continue;
                await bus.Publish(new PartnerCentralInvitationChanged
                {
                    Catalog = partnerCentralOptions.Value.Catalog,
                    InvitationId = invitation.Id,
                    Change = PartnerCentralChangeSources.Polled,
                    Source = PartnerCentralChangeSources.Polling,
                    Status = invitation.Status,
                    ParticipantType = Switchyard.PartnerCentral.Model.SellingApiEvents.Receiver,
                    OccurredAt = startedAt,
                }, outgoing =>
                {
                    outgoing.MessageId = NameBasedGuid.Create(Namespace, $"invitation/{invitation.Id}/{invitation.Status}");
                    // One invitation's reports in order, where the transport keeps order by key (SQS FIFO).
                    outgoing.SetOrderingKey($"invitation/{invitation.Id}");
                }, cancellationToken);
                reported.Reported(invitation.Id, invitation.Status ?? "", startedAt);
                reports++;
            }

            token = page.NextToken;
        }
        while (token is not null && ++pages < MaxPages);

        return (count, reports);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Partner Central was polled at {PolledAt}, less than an interval ago; this tick is skipped")]
    static partial void LogSkipped(ILogger logger, DateTimeOffset polledAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Polled Partner Central: {Opportunities} opportunities changed since {Since}; {Invitations} invitations pending, {InvitationReports} invitations new or changed")]
    static partial void LogPolled(ILogger logger, int opportunities, DateTimeOffset since, int invitations, int invitationReports);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Polled Partner Central: nothing changed since {Since}; {Invitations} invitations pending, none new or changed")]
    static partial void LogPolledNothing(ILogger logger, DateTimeOffset since, int invitations);
}
