using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.Processing;
using Switchyard.Testing;
using Switchyard.WebConsole.ReadModel;

namespace Switchyard.WebConsole.Tests;

/// <summary>The read model as the outcome events build it, through the console's consumers on MassTransit's harness.</summary>
public sealed class ReadModelTests : IAsyncLifetime
{
    readonly string _file = Path.Combine(Path.GetTempPath(), $"switchyard-console-{Guid.NewGuid():N}.db");
    ModuleHarness _harness = null!;

    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _harness = await ModuleHarness.StartAsync([new ConsoleModule()], new Dictionary<string, string?>
        {
            ["Console:Storage:ConnectionString"] = $"Data Source={_file};Pooling=false",
        });

    public async ValueTask DisposeAsync()
    {
        await _harness.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_file + suffix);
    }

    /// <summary>
    /// Publishes and waits until this very message is consumed: the harness records it after the consumer saved its
    /// write. Polled with a deadline rather than the harness's own wait, which stops waiting for good once the bus has
    /// looked idle for its inactivity timeout (a message published on a loaded machine can meet such a moment).
    /// </summary>
    async Task PublishAsync<T>(T message) where T : class
    {
        var id = NewId.NextGuid();
        await _harness.Harness.Bus.Publish(message, context => context.MessageId = id, Cancellation);
        using var noWait = new CancellationTokenSource();
        await noWait.CancelAsync();
        await Poll.UntilAsync(() => _harness.Harness.Consumed.Select<T>(m => m.Context.MessageId == id, noWait.Token).Any(),
            $"the console to consume its {typeof(T).Name}", TimeSpan.FromSeconds(60));
    }

    async Task<T> QueryAsync<T>(Func<ConsoleDbContext, Task<T>> query)
    {
        await using var scope = _harness.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ConsoleDbContext>());
    }

    static readonly DateTimeOffset At = new(2026, 12, 2, 9, 30, 15, TimeSpan.Zero);

    /// <summary>Deal 4242 of portal 62515 became opportunity O1000001 at <see cref="At"/>.</summary>
    Task PublishCreatedAsync() =>
        PublishAsync(new OpportunityCreated { PortalId = 62515, DealId = 4242, OpportunityId = "O1000001", Title = "Acme cloud migration", Catalog = "Sandbox", OccurredAt = At });

    [Fact]
    public async Task A_created_opportunity_and_a_later_block_make_one_deal_with_its_opportunity_review_status_and_last_outcome()
    {
        await PublishCreatedAsync();
        await PublishAsync(new SyncBlocked { PortalId = 62515, DealId = 4242, OpportunityId = "O1000001", ReviewStatus = "Submitted", Detail = "Submitted opportunities take no updates.", OccurredAt = At.AddMinutes(1) });

        var deal = (await QueryAsync(db => db.Deals.ToListAsync(Cancellation))).ShouldHaveSingleItem();
        deal.DealId.ShouldBe(4242);
        deal.OpportunityId.ShouldBe("O1000001");
        deal.Title.ShouldBe("Acme cloud migration");
        deal.Catalog.ShouldBe("Sandbox");
        deal.ReviewStatus.ShouldBe("Submitted");
        deal.LastOutcome.ShouldBe(OutcomeEventTypes.SyncBlocked);
        deal.LastReason.ShouldBe("Submitted");
        deal.LastOutcomeAt.ShouldBe(At.AddMinutes(1).UtcDateTime);
        deal.FirstSeenAt.ShouldBe(At.UtcDateTime);
        deal.Outcomes.ShouldBe(2);
    }

    [Fact]
    public async Task An_outcome_that_arrives_late_counts_but_does_not_replace_the_newer_last_outcome()
    {
        await PublishAsync(new OpportunityUpdated { PortalId = 1, DealId = 7, OpportunityId = "O7", SubscriptionType = "deal.propertyChange", UpdatedFields = ["LifeCycle.Stage"], OccurredAt = At.AddMinutes(5) });
        await PublishAsync(new SyncFailed { PortalId = 1, ObjectType = "deal", ObjectId = 7, SubscriptionType = "deal.creation", Reason = "ValidationException", Detail = "Customer.Account.Address.CountryCode is missing.", OccurredAt = At });

        var deal = (await QueryAsync(db => db.Deals.ToListAsync(Cancellation))).ShouldHaveSingleItem();
        deal.LastOutcome.ShouldBe(OutcomeEventTypes.OpportunityUpdated);
        deal.LastDetail.ShouldBe("Updated: LifeCycle.Stage.");
        deal.FirstSeenAt.ShouldBe(At.UtcDateTime);
        deal.Outcomes.ShouldBe(2);
        var activity = await QueryAsync(db => db.Activity.ToListAsync(Cancellation));
        activity.Where(a => a.Kind == ActivityKinds.Processed).Sum(a => a.Events).ShouldBe(2);
        activity.ShouldContain(a => a.Kind == ActivityKinds.Failed && a.Events == 1 && a.Minute == new DateTime(2026, 12, 2, 9, 30, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task Skips_of_other_objects_and_received_events_are_counted_per_minute_without_making_deals()
    {
        await PublishAsync(new SyncSkipped { PortalId = 1, ObjectType = "contact", ObjectId = 501, SubscriptionType = "contact.propertyChange", Reason = SyncSkipReasons.NotHandled, Detail = "No sync handles contacts alone.", OccurredAt = At });
        await PublishAsync(new HubSpotEventReceived { EventId = 1, SubscriptionId = 2, PortalId = 1, AppId = 3, OccurredAt = At, SubscriptionType = "deal.creation", ObjectId = 4242 });
        await PublishAsync(new HubSpotEventReceived { EventId = 2, SubscriptionId = 2, PortalId = 1, AppId = 3, OccurredAt = At, SubscriptionType = "deal.creation", ObjectId = 4243 });

        (await QueryAsync(db => db.Deals.CountAsync(Cancellation))).ShouldBe(0);
        var activity = await QueryAsync(db => db.Activity.ToListAsync(Cancellation));
        activity.Where(a => a.Kind == ActivityKinds.Received).Sum(a => a.Events).ShouldBe(2);
        activity.Where(a => a.Kind == ActivityKinds.Processed).Sum(a => a.Events).ShouldBe(1);
    }

    [Fact]
    public async Task A_submitted_deal_shows_its_submission_and_AWS_review_with_the_old_and_new_status_and_an_older_report_does_not_undo_them()
    {
        await PublishCreatedAsync();
        await PublishAsync(new OpportunitySubmitted { PortalId = 62515, DealId = 4242, OpportunityId = "O1000001", InvolvementType = "Co-Sell", Visibility = "Full", OccurredAt = At.AddMinutes(1) });
        await PublishAsync(new OpportunityReviewChanged
        {
            PortalId = 62515, DealId = 4242, OpportunityId = "O1000001", OldStatus = "Submitted", NewStatus = "Action Required",
            Comments = "Add the customer's website.", StatusReason = "Missing information", OccurredAt = At.AddMinutes(5),
        });
        // Redelivered late: a block seen while the opportunity was still Submitted.
        await PublishAsync(new SyncBlocked { PortalId = 62515, DealId = 4242, OpportunityId = "O1000001", ReviewStatus = "Submitted", Detail = "Submitted opportunities take no updates.", OccurredAt = At.AddMinutes(2) });

        var deal = (await QueryAsync(db => db.Deals.ToListAsync(Cancellation))).ShouldHaveSingleItem();
        deal.SubmissionState.ShouldBe(SubmissionStates.Submitted);
        deal.InvolvementType.ShouldBe("Co-Sell");
        deal.SubmissionStateAt.ShouldBe(At.AddMinutes(1).UtcDateTime);
        deal.ReviewStatus.ShouldBe("Action Required");
        deal.PreviousReviewStatus.ShouldBe("Submitted");
        deal.ReviewComments.ShouldBe("Add the customer's website.");
        deal.ReviewStatusReason.ShouldBe("Missing information");
        deal.ReviewStatusAt.ShouldBe(At.AddMinutes(5).UtcDateTime);
        deal.LastOutcome.ShouldBe(OutcomeEventTypes.OpportunityReviewChanged);
        deal.LastReason.ShouldBe("Missing information");
        deal.LastDetail.ShouldBe("AWS review: Submitted → Action Required: Add the customer's website.");
        deal.Outcomes.ShouldBe(4);
    }

    [Fact]
    public async Task A_review_change_without_the_portal_goes_to_the_deal_with_that_id()
    {
        await PublishCreatedAsync();
        // The processor's HubSpot:PortalId is not set (0): it cannot say the portal of events no webhook caused.
        await PublishAsync(new OpportunityReviewChanged { PortalId = 0, DealId = 4242, OpportunityId = "O1000001", OldStatus = "Submitted", NewStatus = "Approved", OccurredAt = At.AddMinutes(5) });

        var deal = (await QueryAsync(db => db.Deals.ToListAsync(Cancellation))).ShouldHaveSingleItem();
        deal.PortalId.ShouldBe(62515);
        deal.ReviewStatus.ShouldBe("Approved");
        deal.PreviousReviewStatus.ShouldBe("Submitted");
    }

    [Fact]
    public async Task A_failed_submission_shows_on_the_deal_with_its_reason_and_counts_as_a_failure()
    {
        await PublishAsync(new OpportunitySubmissionFailed
        {
            PortalId = 1, DealId = 7, OpportunityId = "O7", Reason = "MissingRequiredFields",
            Detail = "AWS needs Customer.Account.WebsiteUrl before a submission.", OccurredAt = At,
        });

        var deal = (await QueryAsync(db => db.Deals.ToListAsync(Cancellation))).ShouldHaveSingleItem();
        deal.SubmissionState.ShouldBe(SubmissionStates.Failed);
        deal.SubmissionReason.ShouldBe("MissingRequiredFields");
        deal.OpportunityId.ShouldBe("O7");
        deal.LastOutcome.ShouldBe(OutcomeEventTypes.OpportunitySubmissionFailed);
        deal.LastDetail.ShouldBe("AWS needs Customer.Account.WebsiteUrl before a submission.");
        var activity = await QueryAsync(db => db.Activity.ToListAsync(Cancellation));
        activity.ShouldContain(a => a.Kind == ActivityKinds.Failed && a.Events == 1);
    }

    [Fact]
    public async Task Invitations_show_their_state_an_acceptance_that_overtook_its_invitation_stays_accepted_and_the_pending_ones_are_listed_oldest_first()
    {
        await PublishAsync(new InvitationReceived { PortalId = 1, DealId = 9001, InvitationId = "engi-0000000000001", Detail = "AWS referral: Globex data lake.", OccurredAt = At.AddHours(2) });
        await PublishAsync(new InvitationReceived { PortalId = 1, DealId = 9002, InvitationId = "engi-0000000000002", OccurredAt = At.AddHours(1) });
        await PublishAsync(new InvitationAccepted { PortalId = 1, DealId = 9003, InvitationId = "engi-0000000000003", OpportunityId = "O9003", OccurredAt = At.AddHours(3) });
        await PublishAsync(new InvitationReceived { PortalId = 1, DealId = 9003, InvitationId = "engi-0000000000003", OccurredAt = At });
        await PublishAsync(new InvitationReceived { PortalId = 1, DealId = 9004, InvitationId = "engi-0000000000004", OccurredAt = At });
        await PublishAsync(new InvitationExpired { PortalId = 1, DealId = 9004, InvitationId = "engi-0000000000004", OccurredAt = At.AddDays(15) });

        var deals = (await QueryAsync(db => db.Deals.ToListAsync(Cancellation))).ToDictionary(d => d.DealId);
        deals[9001].InvitationState.ShouldBe(InvitationStates.Pending);
        deals[9001].InvitationId.ShouldBe("engi-0000000000001");
        deals[9001].LastDetail.ShouldBe("AWS referral: Globex data lake.");
        deals[9003].InvitationState.ShouldBe(InvitationStates.Accepted);
        deals[9003].OpportunityId.ShouldBe("O9003");
        deals[9003].InvitationReceivedAt.ShouldBe(At.UtcDateTime);
        deals[9003].LastOutcome.ShouldBe(OutcomeEventTypes.InvitationAccepted);
        deals[9004].InvitationState.ShouldBe(InvitationStates.Expired);

        // The deals page's list: pending only, soonest expiry first, and without an expiry in the events, oldest first.
        await using var scope = _harness.Services.CreateAsyncScope();
        var page = new Pages.DealsModel(scope.ServiceProvider.GetRequiredService<ConsoleDbContext>(), Options.Create(new ConsoleOptions()));
        await page.OnGetAsync(null, null, null, Cancellation);
        page.Invitations.Select(d => d.DealId).ShouldBe([9002, 9001]);
        page.PendingInvitations.ShouldBe(2);
        page.Total.ShouldBe(4);
    }

    [Fact]
    public async Task Pending_invitations_are_listed_soonest_expiry_first_and_those_without_an_expiry_after()
    {
        await PublishAsync(new InvitationReceived { PortalId = 1, DealId = 9101, InvitationId = "engi-0000000000101", ExpiresAt = At.AddDays(10), OccurredAt = At });
        await PublishAsync(new InvitationReceived { PortalId = 1, DealId = 9102, InvitationId = "engi-0000000000102", ExpiresAt = At.AddDays(2), OccurredAt = At.AddHours(1) });
        await PublishAsync(new InvitationReceived { PortalId = 1, DealId = 9103, InvitationId = "engi-0000000000103", OccurredAt = At.AddHours(2) });

        await using var scope = _harness.Services.CreateAsyncScope();
        var page = new Pages.DealsModel(scope.ServiceProvider.GetRequiredService<ConsoleDbContext>(), Options.Create(new ConsoleOptions()));
        await page.OnGetAsync(null, null, null, Cancellation);
        page.Invitations.Select(d => d.DealId).ShouldBe([9102, 9101, 9103]);
        page.Invitations[0].InvitationExpiresAt.ShouldBe(At.AddDays(2).UtcDateTime);
    }
}
