using System.Text.Json;
using Switchyard.Contracts.PartnerCentral;
using Switchyard.Processor.PartnerCentralEvents;

namespace Switchyard.Processor.Tests.PartnerCentralEvents;

/// <summary>
/// The raw EventBridge events of the selling API, exactly as AWS's documentation ("Notifications for the AWS Partner
/// Central Selling API", "Example events") and the emulator write them, mapped to the typed messages.
/// </summary>
public sealed class EventMappingTests
{
    const string OpportunityUpdated = """
        {"version":"1","id":"01234567-0123-0123-0123-0123456789ab","source":"aws.partnercentral-selling","detail-type":"Opportunity Updated","time":"2024-11-29T12:00:05Z","region":"us-east-1","account":"123456789012","detail":{"schemaVersion":"1","catalog":"AWS","opportunity":{"identifier":"O1234567"}}}
        """;

    const string InvitationCreated = """
        {"version":"0","id":"11111111-2222-3333-4444-555555555555","source":"aws.partnercentral-selling","detail-type":"Engagement Invitation Created","time":"2024-11-29T13:00:00Z","region":"us-east-1","account":"123456789012","resources":["arn:aws:partnercentral:us-east-1::catalog/AWS/engagement-invitation/engi-0000001"],"detail":{"catalog":"AWS","engagementInvitation":{"arn":"arn:aws:partnercentral:us-east-1::catalog/AWS/engagement-invitation/engi-0000001","id":"engi-0000001","engagementId":"eng-0000001","senderAccountId":"aws","receiverAccountId":"123456789012","senderCompanyName":"AWS","expirationDate":"2024-12-14T13:00:00Z","participantType":"Receiver","payloadType":"OpportunityInvitation"}}}
        """;

    static PartnerCentralEventBridgeEvent Read(string json) => JsonSerializer.Deserialize<PartnerCentralEventBridgeEvent>(json)!;

    [Theory]
    [InlineData("Opportunity Updated")]
    [InlineData("Opportunity Created")]
    [InlineData("Opportunity Accepted")]
    [InlineData("Opportunity Rejected")]
    public void An_opportunity_event_becomes_a_PartnerCentralOpportunityChanged(string detailType)
    {
        var mapped = PartnerCentralEventMapping.Map(Read(OpportunityUpdated.Replace("Opportunity Updated", detailType, StringComparison.Ordinal)), "AWS");

        mapped.Invitation.ShouldBeNull();
        mapped.Ignored.ShouldBeNull();
        mapped.Opportunity.ShouldBe(new PartnerCentralOpportunityChanged
        {
            Catalog = "AWS",
            OpportunityId = "O1234567",
            Change = detailType,
            Source = PartnerCentralChangeSources.EventBridge,
            EventId = "01234567-0123-0123-0123-0123456789ab",
            OccurredAt = new DateTimeOffset(2024, 11, 29, 12, 0, 5, TimeSpan.Zero),
        });
    }

    [Theory]
    [InlineData("Engagement Invitation Created", "PENDING")]
    [InlineData("Engagement Invitation Accepted", "ACCEPTED")]
    [InlineData("Engagement Invitation Rejected", "REJECTED")]
    [InlineData("Engagement Invitation Expired", "EXPIRED")]
    public void An_invitation_event_becomes_a_PartnerCentralInvitationChanged_with_its_status(string detailType, string status)
    {
        var mapped = PartnerCentralEventMapping.Map(Read(InvitationCreated.Replace("Engagement Invitation Created", detailType, StringComparison.Ordinal)), "AWS");

        mapped.Opportunity.ShouldBeNull();
        mapped.Invitation.ShouldNotBeNull();
        mapped.Invitation.InvitationId.ShouldBe("engi-0000001");
        mapped.Invitation.Change.ShouldBe(detailType);
        mapped.Invitation.Status.ShouldBe(status);
        mapped.Invitation.Source.ShouldBe(PartnerCentralChangeSources.EventBridge);
        mapped.Invitation.ParticipantType.ShouldBe("Receiver");
        mapped.Invitation.OccurredAt.ShouldBe(new DateTimeOffset(2024, 11, 29, 13, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void The_invitation_a_submission_sent_says_the_partner_is_its_sender()
    {
        var mapped = PartnerCentralEventMapping.Map(Read(InvitationCreated.Replace("\"participantType\":\"Receiver\"", "\"participantType\":\"Sender\"", StringComparison.Ordinal)), "AWS");

        mapped.Invitation.ShouldNotBeNull().ParticipantType.ShouldBe("Sender");
    }

    [Theory]
    [InlineData("Engagement Member Added")]
    [InlineData("Engagement Created")]
    [InlineData("Engagement Resource Snapshot Created")]
    [InlineData("Something AWS adds later")]
    public void Detail_types_Switchyard_does_not_act_on_are_ignored(string detailType)
    {
        var mapped = PartnerCentralEventMapping.Map(Read(OpportunityUpdated.Replace("Opportunity Updated", detailType, StringComparison.Ordinal)), "AWS");

        mapped.ShouldBe(new PartnerCentralEventMapping.Mapped(null, null, PartnerCentralEventMapping.IgnoredDetailType));
    }

    [Fact]
    public void An_event_of_the_other_catalog_is_ignored()
    {
        var mapped = PartnerCentralEventMapping.Map(Read(OpportunityUpdated), "Sandbox");

        mapped.ShouldBe(new PartnerCentralEventMapping.Mapped(null, null, PartnerCentralEventMapping.OtherCatalog));
    }

    [Theory]
    [InlineData("""{"source":"aws.partnercentral-selling","detail-type":"Opportunity Updated"}""", "has no 'id'")]
    [InlineData("""{"id":"e1","source":"aws.ec2","detail-type":"Opportunity Updated","detail":{"catalog":"AWS"}}""", "comes from 'aws.ec2', not aws.partnercentral-selling")]
    [InlineData("""{"id":"e1","source":"aws.partnercentral-selling","detail":{"catalog":"AWS"}}""", "has no 'detail-type'")]
    [InlineData("""{"id":"e1","source":"aws.partnercentral-selling","detail-type":"Opportunity Updated","detail":"text"}""", "has no 'detail' object")]
    [InlineData("""{"id":"e1","source":"aws.partnercentral-selling","detail-type":"Opportunity Updated","detail":{"opportunity":{"identifier":"O1"}}}""", "has no 'detail.catalog'")]
    [InlineData("""{"id":"e1","source":"aws.partnercentral-selling","detail-type":"Opportunity Updated","time":"2024-11-29T12:00:05Z","detail":{"catalog":"AWS","opportunity":{}}}""", "has no 'detail.opportunity.identifier'")]
    [InlineData("""{"id":"e1","source":"aws.partnercentral-selling","detail-type":"Engagement Invitation Created","time":"2024-11-29T12:00:05Z","detail":{"catalog":"AWS"}}""", "has no 'detail.engagementInvitation.id'")]
    [InlineData("""{"id":"e1","source":"aws.partnercentral-selling","detail-type":"Opportunity Updated","time":"yesterday","detail":{"catalog":"AWS","opportunity":{"identifier":"O1"}}}""", "has no readable 'time' ('yesterday')")]
    public void What_is_not_a_readable_selling_event_is_refused_with_its_reason(string json, string reason)
    {
        var refused = Should.Throw<UnreadableEventException>(() => PartnerCentralEventMapping.Map(Read(json), "AWS"));

        refused.Message.ShouldContain(reason);
    }
}
