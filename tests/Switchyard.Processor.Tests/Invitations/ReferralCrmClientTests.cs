using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Tests.HubSpot;

namespace Switchyard.Processor.Tests.Invitations;

/// <summary>
/// What a referral's deal needs of HubSpot, through the real client against the HubSpot emulator over HTTP: a deal
/// created on its company and read back by its unique invitation id, a second one refused; companies by domain;
/// contacts by email, created on the deal or associated with it.
/// </summary>
public sealed class ReferralCrmClientTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_deal_created_on_its_company_reads_back_by_its_invitation_id_and_a_second_with_that_id_is_refused()
    {
        await using var crm = await CrmUnderTest.StartAsync(state => state.SeedDemo());
        var properties = new Dictionary<string, string?>
        {
            [DealProperties.Name] = "Globex plant analytics #AWS",
            [DealProperties.Stage] = "appointmentscheduled",
            [DealProperties.InvitationId] = "engi-0123456789abc",
            [DealProperties.Description] = null,
        };

        var dealId = await crm.Client.CreateDealAsync(properties, 31, Ct);
        var read = await crm.Client.GetDealByUniqueValueAsync(DealProperties.InvitationId, "engi-0123456789abc", Ct);
        var none = await crm.Client.GetDealByUniqueValueAsync(DealProperties.InvitationId, "engi-zzzzzzzzzzzzz", Ct);
        var second = await Should.ThrowAsync<HubSpotPermanentException>(() => crm.Client.CreateDealAsync(properties, null, Ct));

        read.ShouldNotBeNull().Id.ShouldBe(dealId);
        read.Property(DealProperties.Name).ShouldBe("Globex plant analytics #AWS");
        read.CompanyIds.ShouldBe([31]);
        crm.State.AssociationsOf("deals", dealId, "companies").ShouldBe([(31, true)]);
        // A property without a value is left out, not stored empty.
        crm.State.Deal(dealId)!.Properties.ContainsKey(DealProperties.Description).ShouldBeFalse();
        none.ShouldBeNull();
        second.StatusCode.ShouldBe(409);
        crm.State.Requests.Where(r => r.Method == "POST" && r.Path == "/crm/v3/objects/deals").Count().ShouldBe(2);
    }

    [Fact]
    public async Task Companies_are_found_by_domain_and_created_with_their_id_returned()
    {
        await using var crm = await CrmUnderTest.StartAsync(state => state.SeedDemo());

        var acme = await crm.Client.FindCompanyIdByDomainAsync("acme.com", Ct);
        var unknown = await crm.Client.FindCompanyIdByDomainAsync("globex.example", Ct);
        var created = await crm.Client.CreateCompanyAsync(new Dictionary<string, string?> { [CompanyProperties.Name] = "Globex", [CompanyProperties.Domain] = "globex.example" }, Ct);
        var found = await crm.Client.FindCompanyIdByDomainAsync("globex.example", Ct);

        acme.ShouldBe(31);
        unknown.ShouldBeNull();
        found.ShouldBe(created);
        crm.State.Company(created)!.Property(CompanyProperties.Name).ShouldBe("Globex");
    }

    [Fact]
    public async Task A_contact_is_created_on_a_deal_and_its_company_and_an_existing_one_is_associated()
    {
        await using var crm = await CrmUnderTest.StartAsync(state => state.SeedDemo());

        var created = await crm.Client.CreateContactOnDealAsync(4243, new Dictionary<string, string?>
        {
            [ContactProperties.Email] = "ada@globex.example",
            [ContactProperties.FirstName] = "Ada",
        }, 31, Ct);
        var existing = await crm.Client.FindContactIdByEmailAsync("jane.doe@acme.com", Ct);
        await crm.Client.AssociateContactWithDealAsync(existing!.Value, 4243, Ct);
        var deal = await crm.Client.GetDealAsync(4243, Ct);

        (await crm.Client.FindContactIdByEmailAsync("ada@globex.example", Ct)).ShouldBe(created);
        deal!.ContactIds.ShouldBe([created, existing.Value], ignoreOrder: true);
        crm.State.AssociationsOf("contacts", created, "companies").ShouldBe([(31, true)]);
    }
}
