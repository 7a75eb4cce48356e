using System.Globalization;
using System.Text.Json.Nodes;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.PartnerCentral;
using Switchyard.Contracts.Processing;
using Switchyard.PartnerCentral.Model;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Tests.Conformance;

namespace Switchyard.Processor.Tests.Invitations;

/// <summary>
/// An AWS referral becomes one HubSpot deal however often and however it is reported, with its company, AWS's fields,
/// a note, the expiry task when due; Partner Central is only read; a referral's deal never becomes a second, partner
/// originated opportunity; invitations the partner sent are left alone.
/// </summary>
public sealed class ReferralDealTests
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    static JsonObject Globex(string? expires = null)
    {
        var request = JsonNode.Parse("""
            {"Customer": {"CompanyName": "Globex", "Industry": "Manufacturing", "WebsiteUrl": "https://www.globex.example", "CountryCode": "DE"},
             "Project": {"Title": "Globex plant analytics", "BusinessProblem": "Globex wants its plants' sensor data in one place to predict machine failures.",
                         "TargetCompletionDate": "2031-01-15",
                         "ExpectedCustomerSpend": [{"Amount": "25000.00", "CurrencyCode": "EUR", "Frequency": "Monthly", "TargetCompany": "AWS"}]},
             "SenderContacts": [{"Email": "maria.seller@example.com", "FirstName": "Maria", "LastName": "Seller", "BusinessTitle": "AWS Account Manager"}],
             "InvitationMessage": "Globex asked for a partner with manufacturing analytics experience."}
            """)!.AsObject();
        if (expires is not null)
            request["ExpirationDate"] = expires;
        return request;
    }

    [Fact]
    public async Task A_referral_reported_by_event_and_poll_and_again_becomes_one_deal_with_AWS_fields_its_company_and_a_note()
    {
        await using var processor = await ReferralProcessor.StartAsync();
        var id = processor.Referral(Globex());

        await processor.ReportAsync(id);
        await processor.ReportAsync(id, source: PartnerCentralChangeSources.Polling);
        await processor.ReportAsync(id);
        await processor.ConsumedAsync(3);

        var deal = await processor.DealAsync(id);
        processor.Crm.Deals.Values.Count(d => d.Property(DealProperties.InvitationId) == id).ShouldBe(1);
        deal.Property(DealProperties.Name).ShouldBe("Globex plant analytics #AWS");
        deal.Property(DealProperties.Pipeline).ShouldBe("default");
        deal.Property(DealProperties.Stage).ShouldBe("appointmentscheduled");
        deal.Property(DealProperties.Amount).ShouldBe("25000.00");
        deal.Property(DealProperties.Currency).ShouldBe("EUR");
        deal.Property(DealProperties.CloseDate).ShouldBe("2031-01-15T00:00:00.000Z");
        deal.Property(DealProperties.Description).ShouldStartWith("Globex wants its plants");
        deal.Property(DealProperties.Seller).ShouldBe("Maria Seller <maria.seller@example.com>");
        deal.Property(DealProperties.InvitationStatus).ShouldBe("Pending");
        var expires = DateTimeOffset.Parse(deal.Property(DealProperties.InvitationExpiresAt)!, CultureInfo.InvariantCulture);
        expires.ShouldBe(DateTimeOffset.Parse((string)processor.Emulator.FindInvitation(id)!["ExpirationDate"]!, CultureInfo.InvariantCulture));
        deal.Property(DealProperties.OpportunityId).ShouldBeNull();

        var company = processor.Crm.Companies[deal.CompanyIds.ShouldHaveSingleItem()];
        company.Property(CompanyProperties.Name).ShouldBe("Globex");
        company.Property(CompanyProperties.Domain).ShouldBe("globex.example");
        company.Property(CompanyProperties.Website).ShouldBe("https://www.globex.example");
        company.Property(CompanyProperties.Country).ShouldBe("Germany");
        // A HubSpot industry that maps back to AWS's, so a later sync sends the same industry.
        Switchyard.Processor.Mapping.Industries.HubSpotIndustries.Single(i => i.Code == company.Property(CompanyProperties.Industry)).Industry.ShouldBe("Manufacturing");

        var note = processor.Crm.CreatedNotes.Where(n => n.DealId == deal.Id).Select(n => n.Body).ShouldHaveSingleItem();
        note.ShouldContain("Globex asked for a partner with manufacturing analytics experience.");
        note.ShouldContain("25000.00 EUR monthly");
        note.ShouldContain("Maria Seller, AWS Account Manager, maria.seller@example.com");
        note.ShouldContain(DealProperties.InvitationDecision);

        var received = processor.Published.Of<InvitationReceived>().ShouldHaveSingleItem();
        received.Message.ShouldBe(received.Message with { PortalId = ReferralProcessor.Portal, DealId = deal.Id, InvitationId = id, OpportunityId = null });
        received.Message.ExpiresAt.ShouldBe(expires);
        // Fifteen days to answer: no task yet.
        processor.Crm.CreatedTasks.ShouldBeEmpty();
        deal.Property(DealProperties.InvitationRemindedAt).ShouldBeNull();
        processor.Writes().ShouldBeEmpty();
        processor.ShouldAllBeValid();
    }

    [Fact]
    public async Task The_customer_HubSpot_knows_by_its_domain_gets_the_deal_and_no_company_is_created()
    {
        await using var processor = await ReferralProcessor.StartAsync();
        processor.Crm.Companies[77] = new HubSpotCompany(77, new Dictionary<string, string?> { [CompanyProperties.Name] = "Globex Corporation", [CompanyProperties.Domain] = "globex.example" });
        var id = processor.Referral(Globex());

        await processor.ReportAsync(id);

        var deal = await processor.DealAsync(id);
        deal.CompanyIds.ShouldBe([77]);
        processor.Crm.Companies.Count.ShouldBe(1);
        processor.Crm.Calls.ShouldContain("FindCompany domain=globex.example");
    }

    [Fact]
    public async Task When_another_processor_created_the_deal_first_HubSpot_refuses_the_second_and_its_deal_is_used()
    {
        await using var processor = await ReferralProcessor.StartAsync();
        var id = processor.Referral(Globex());
        // The other processor's deal appears between this one's read and its create, which HubSpot then refuses.
        processor.Crm.BeforeCreateDeal = properties =>
        {
            processor.Crm.BeforeCreateDeal = null;
            processor.Crm.AddDeal(5005, "Globex plant analytics #AWS", properties: (DealProperties.InvitationId, id));
            processor.Crm.CreateDealFailures.Enqueue(new HubSpotPermanentException(409, "A deal with aws_invitation_id already exists. Existing ID: 5005"));
        };

        await processor.ReportAsync(id);

        var deal = await processor.DealAsync(id);
        deal.Id.ShouldBe(5005);
        processor.Crm.Deals.Values.Count(d => d.Property(DealProperties.InvitationId) == id).ShouldBe(1);
        processor.Crm.CreatedNotes.ShouldContain(n => n.DealId == 5005);
        // The status is written before the outcome is published: wait for it rather than race it.
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<InvitationReceived>().Count, 1, "the received outcome");
        processor.Published.Of<InvitationReceived>().ShouldHaveSingleItem().Message.DealId.ShouldBe(5005);
    }

    [Fact]
    public async Task A_deal_whose_reception_was_cut_short_is_finished_by_the_next_report_not_created_again()
    {
        await using var processor = await ReferralProcessor.StartAsync();
        var id = processor.Referral(Globex());
        // The deal was created, then HubSpot failed the note until the message was given up: it has no status yet.
        processor.Crm.AddDeal(6006, "Globex plant analytics #AWS", properties: (DealProperties.InvitationId, id));

        await processor.ReportAsync(id, source: PartnerCentralChangeSources.Polling);

        var deal = await processor.DealAsync(id);
        deal.Id.ShouldBe(6006);
        processor.Crm.Calls.ShouldNotContain(c => c.StartsWith("CreateDeal", StringComparison.Ordinal));
        processor.Crm.CreatedNotes.ShouldContain(n => n.DealId == 6006 && n.Body.Contains("Globex asked", StringComparison.Ordinal));
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<InvitationReceived>().Count, 1, "the received outcome");
        processor.Published.Of<InvitationReceived>().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_referral_expiring_within_two_days_gives_the_owner_one_task_however_often_it_is_reported()
    {
        await using var processor = await ReferralProcessor.StartAsync(new Dictionary<string, string?> { ["Processor:Invitations:OwnerId"] = "8675309" });
        var expires = DateTimeOffset.UtcNow.AddDays(1);
        var id = processor.Referral(Globex(expires.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));

        await processor.ReportAsync(id);
        await processor.ReportAsync(id, source: PartnerCentralChangeSources.Polling);
        await processor.ConsumedAsync(2);

        var deal = await processor.DealAsync(id);
        var task = processor.Crm.CreatedTasks.ShouldHaveSingleItem();
        task.DealId.ShouldBe(deal.Id);
        task.OwnerId.ShouldBe("8675309");
        task.Subject.ShouldStartWith("Answer the AWS referral \"Globex plant analytics\" before ");
        task.Body.ShouldContain(DealProperties.RejectionReason);
        (task.DueAt - expires).Duration().ShouldBeLessThan(TimeSpan.FromSeconds(1));
        processor.Crm.DealProperty(deal.Id, DealProperties.InvitationRemindedAt).ShouldNotBeNull();
        processor.Crm.DealProperty(deal.Id, DealProperties.OwnerId).ShouldBe("8675309");
    }

    [Fact]
    public async Task A_pending_referral_whose_expiry_has_come_near_gets_its_task_from_the_next_poll()
    {
        await using var processor = await ReferralProcessor.StartAsync();
        var expires = DateTimeOffset.UtcNow.AddHours(20);
        var id = processor.Referral(Globex(expires.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        // Its deal was made thirteen days ago, when the expiry was far.
        processor.Crm.AddDeal(7007, "Globex plant analytics #AWS", properties:
        [
            (DealProperties.InvitationId, id), (DealProperties.InvitationStatus, "Pending"),
            (DealProperties.InvitationExpiresAt, expires.ToString("O", CultureInfo.InvariantCulture)),
        ]);

        await processor.ReportAsync(id, source: PartnerCentralChangeSources.Polling);
        await processor.ReportAsync(id, source: PartnerCentralChangeSources.Polling);
        await processor.ConsumedAsync(2);

        processor.Crm.CreatedTasks.ShouldHaveSingleItem().DealId.ShouldBe(7007);
        processor.Crm.DealProperty(7007, DealProperties.InvitationRemindedAt).ShouldNotBeNull();
        // The deal was there: no second deal, no second reception.
        processor.Crm.Calls.ShouldNotContain(c => c.StartsWith("CreateDeal", StringComparison.Ordinal));
        processor.Published.Of<InvitationReceived>().ShouldBeEmpty();
    }

    [Fact]
    public async Task Expiry_reported_by_AWS_marks_the_deal_notes_it_and_tells_subscribers_once()
    {
        await using var processor = await ReferralProcessor.StartAsync();
        var id = processor.Referral(Globex());
        await processor.ReportAsync(id);
        var deal = await processor.DealAsync(id);

        processor.Emulator.ExpireInvitation(id);
        await processor.ReportAsync(id, "EXPIRED");
        await processor.ReportAsync(id, "EXPIRED", PartnerCentralChangeSources.Polling);
        await processor.ConsumedAsync(3);
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<InvitationExpired>().Count, 1, "the expiry outcome");

        processor.Crm.DealProperty(deal.Id, DealProperties.InvitationStatus).ShouldBe("Expired");
        processor.Crm.CreatedNotes.Where(n => n.DealId == deal.Id).ShouldContain(n => n.Body.Contains("<strong>expired</strong>", StringComparison.Ordinal));
        var expired = processor.Published.Of<InvitationExpired>().ShouldHaveSingleItem().Message;
        (expired.DealId, expired.InvitationId).ShouldBe((deal.Id, id));
    }

    [Fact]
    public async Task A_referrals_deal_is_never_made_a_partner_originated_opportunity()
    {
        await using var processor = await ReferralProcessor.StartAsync();
        var id = processor.Referral(Globex());
        await processor.ReportAsync(id);
        var deal = await processor.DealAsync(id);

        await processor.PublishAsync(HubSpotSubscriptionTypes.DealCreation, deal.Id);
        await processor.SetAsync(deal.Id, DealProperties.Name, "Globex plant analytics, phase 1 #AWS", eventId: 41);
        await ProcessorOnEmulator.UntilAsync(() => processor.Published.Of<SyncSkipped>().Count(s => s.Message.Reason == SyncSkipReasons.InvitationPending), 2,
            "both skipped as a pending referral");

        processor.Requests("CreateOpportunity").ShouldBeEmpty();
    }

    [Fact]
    public async Task An_invitation_the_partner_sent_and_an_ended_one_without_a_deal_are_left_alone()
    {
        await using var processor = await ReferralProcessor.StartAsync();
        var sent = processor.Referral(Globex());
        var ended = processor.Referral(Globex());
        processor.Emulator.ExpireInvitation(ended);

        await processor.ReportAsync(sent, participantType: SellingApiEvents.Sender);
        await processor.ReportAsync(ended, "EXPIRED", PartnerCentralChangeSources.Polling);
        await processor.ConsumedAsync(2);

        processor.Crm.Deals.ShouldBeEmpty();
        processor.Requests("GetEngagementInvitation").ShouldBeEmpty();
        processor.Published.Of<InvitationReceived>().ShouldBeEmpty();
    }

    [Fact]
    public async Task With_invitations_off_no_deal_is_made()
    {
        await using var processor = await ReferralProcessor.StartAsync(new Dictionary<string, string?> { ["Processor:Invitations:Enabled"] = "false" });
        var id = processor.Referral(Globex());

        await processor.ReportAsync(id);
        await processor.ConsumedAsync(1);

        processor.Crm.Deals.ShouldBeEmpty();
        processor.Emulator.Requests.ShouldBeEmpty();
    }
}
