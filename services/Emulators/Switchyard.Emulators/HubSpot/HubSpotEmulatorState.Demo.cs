namespace Switchyard.Emulators.HubSpot;

public sealed partial class HubSpotEmulatorState
{
    /// <summary>The demo deal in scope for Partner Central: its name carries <c>#AWS</c>.</summary>
    public const long DemoAwsDealId = 4242;

    /// <summary>A demo deal of the same customer without <c>#AWS</c>, which the sync leaves alone.</summary>
    public const long DemoOtherDealId = 4243;

    /// <summary>The demo customer, primary company of both demo deals.</summary>
    public const long DemoCompanyId = 31;

    /// <summary>The demo contacts: the first is on both deals, the second on the <c>#AWS</c> deal only.</summary>
    public static readonly IReadOnlyList<long> DemoContactIds = [501, 502];

    /// <summary>A note on the <c>#AWS</c> deal.</summary>
    public const long DemoNoteId = 7001;

    /// <summary>The demo portal's owner, who owns the demo deals (and takes the co-selling tasks).</summary>
    public const long DemoOwnerId = 71001;

    /// <summary>
    /// Adds a realistic sample: Acme Corp (company 31) with two contacts, the deal 4242 "Acme cloud migration #AWS"
    /// (qualified to buy, 120000 USD, closing in 90 days) and the deal 4243 without <c>#AWS</c>, both owned by the owner
    /// 71001, and a note on 4242.
    /// </summary>
    public void SeedDemo()
    {
        var owner = DemoOwnerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var now = Clock.GetUtcNow();
        var closeDate = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(90);
        AddOwner(DemoOwnerId, "sam.owner@example.com", "Sam", "Owner");

        AddCompany(DemoCompanyId, new Dictionary<string, string?>
        {
            ["name"] = "Acme Corp",
            ["domain"] = "acme.com",
            ["website"] = "https://www.acme.com",
            ["industry"] = "COMPUTER_SOFTWARE",
            ["country"] = "United States",
            ["city"] = "Seattle",
            ["state"] = "Washington",
            ["zip"] = "98101",
            ["address"] = "1200 5th Avenue",
            ["phone"] = "+1 206 555 0100",
            ["numberofemployees"] = "850",
        });

        AddContact(DemoContactIds[0], new Dictionary<string, string?>
        {
            ["email"] = "jane.doe@acme.com",
            ["firstname"] = "Jane",
            ["lastname"] = "Doe",
            ["jobtitle"] = "Chief Technology Officer",
            ["phone"] = "+1 206 555 0142",
            ["mobilephone"] = "",
            ["company"] = "Acme Corp",
        });
        AddContact(DemoContactIds[1], new Dictionary<string, string?>
        {
            ["email"] = "raj.patel@acme.com",
            ["firstname"] = "Raj",
            ["lastname"] = "Patel",
            ["jobtitle"] = "Director of IT Infrastructure",
            ["phone"] = "",
            ["mobilephone"] = "+1 206 555 0177",
            ["company"] = "Acme Corp",
        });

        AddDeal(DemoAwsDealId, new Dictionary<string, string?>
        {
            ["dealname"] = "Acme cloud migration #AWS",
            ["dealstage"] = "qualifiedtobuy",
            ["pipeline"] = "default",
            ["amount"] = "120000",
            ["deal_currency_code"] = "USD",
            ["closedate"] = Iso(closeDate),
            ["description"] = "Move Acme's on-premises order management and data warehouse to AWS within two quarters.",
            ["dealtype"] = "newbusiness",
            ["hubspot_owner_id"] = owner,
        });
        AssociateDealWithCompany(DemoAwsDealId, DemoCompanyId, primary: true);
        AssociateDealWithContact(DemoAwsDealId, DemoContactIds[0]);
        AssociateDealWithContact(DemoAwsDealId, DemoContactIds[1]);

        AddDeal(DemoOtherDealId, new Dictionary<string, string?>
        {
            ["dealname"] = "Acme support renewal",
            ["dealstage"] = "presentationscheduled",
            ["pipeline"] = "default",
            ["amount"] = "18000",
            ["deal_currency_code"] = "USD",
            ["closedate"] = Iso(closeDate.AddDays(-30)),
            ["description"] = "Yearly renewal of Acme's premium support plan.",
            ["dealtype"] = "existingbusiness",
            ["hubspot_owner_id"] = owner,
        });
        AssociateDealWithCompany(DemoOtherDealId, DemoCompanyId, primary: true);
        AssociateDealWithContact(DemoOtherDealId, DemoContactIds[0]);

        AddNote(DemoNoteId, "<p>Jane confirmed AWS as the target platform; workshop planned next month.</p>", now.AddDays(-2));
        AssociateNoteWithDeal(DemoNoteId, DemoAwsDealId);
    }
}
