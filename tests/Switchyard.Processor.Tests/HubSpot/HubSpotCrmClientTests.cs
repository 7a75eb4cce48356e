using System.Text.Json;
using Switchyard.Emulators.HubSpot;
using Switchyard.Processor.HubSpot;

namespace Switchyard.Processor.Tests.HubSpot;

public class HubSpotCrmClientTests
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static Dictionary<string, string?> Props(params (string Name, string? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value);

    // ---- Reads ---------------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_deal_is_read_with_its_properties_and_the_ids_of_its_company_and_contacts()
    {
        await using var crm = await CrmUnderTest.StartAsync(state => state.SeedDemo());

        var deal = (await crm.Client.GetDealAsync(4242, Ct)).ShouldNotBeNull();

        deal.Id.ShouldBe(4242);
        deal.Property(DealProperties.Name).ShouldBe("Acme cloud migration #AWS");
        deal.Property(DealProperties.Stage).ShouldBe("qualifiedtobuy");
        deal.Property(DealProperties.Amount).ShouldBe("120000");
        deal.Property(DealProperties.Currency).ShouldBe("USD");
        deal.Property(DealProperties.DealType).ShouldBe("newbusiness");
        DateTimeOffset.Parse(deal.Property(DealProperties.CloseDate)!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(DateTimeOffset.UtcNow);
        deal.Property(DealProperties.OpportunityId).ShouldBeNull();
        deal.CompanyIds.ShouldBe([31]);
        deal.ContactIds.ShouldBe([501, 502]);
    }

    [Fact]
    public async Task A_deal_read_asks_for_exactly_the_deal_properties_and_its_companies_and_contacts_with_the_token()
    {
        await using var crm = await CrmUnderTest.StartAsync(state => state.SeedDemo());

        await crm.Client.GetDealAsync(4242, Ct);

        var request = crm.RequestsTo("/crm/v3/objects/deals/4242").ShouldHaveSingleItem();
        request.Method.ShouldBe("GET");
        request.Authorized.ShouldBeTrue();
        request.Query("properties").ShouldBe(string.Join(',', DealProperties.All));
        request.Query("associations").ShouldBe("companies,contacts");
    }

    [Fact]
    public async Task The_primary_company_comes_first_and_each_company_once()
    {
        await using var crm = await CrmUnderTest.StartAsync(state =>
        {
            state.AddDeal(10, Props(("dealname", "Two companies #AWS")));
            state.AddCompany(40, Props(("name", "Reseller")));
            state.AddCompany(41, Props(("name", "Customer")));
            state.AssociateDealWithCompany(10, 40);
            state.AssociateDealWithCompany(10, 41, primary: true);
        });

        var deal = (await crm.Client.GetDealAsync(10, Ct)).ShouldNotBeNull();

        deal.CompanyIds.ShouldBe([41, 40]);
    }

    [Theory]
    [InlineData(null, 10)]
    [InlineData("3", 3)]
    public async Task Only_the_first_contacts_up_to_MaxContacts_are_kept_in_HubSpots_order(string? maxContacts, int expected)
    {
        await using var crm = await CrmUnderTest.StartAsync(state =>
        {
            state.AddDeal(10, Props(("dealname", "Many contacts")));
            for (var id = 612; id > 600; id--)
            {
                state.AddContact(id, Props(("email", $"c{id}@example.com")));
                state.AssociateDealWithContact(10, id);
            }
        }, maxContacts is null ? null : new Dictionary<string, string?> { ["HubSpot:MaxContacts"] = maxContacts });

        var deal = (await crm.Client.GetDealAsync(10, Ct)).ShouldNotBeNull();

        deal.ContactIds.ShouldBe(Enumerable.Range(0, expected).Select(i => 612L - i).ToList());
    }

    [Fact]
    public async Task Empty_and_unset_properties_count_as_absent()
    {
        await using var crm = await CrmUnderTest.StartAsync(state =>
            state.AddDeal(10, Props(("dealname", "Bare deal"), ("description", ""))));

        var deal = (await crm.Client.GetDealAsync(10, Ct)).ShouldNotBeNull();

        deal.Property(DealProperties.Description).ShouldBeNull();
        deal.Property(DealProperties.Amount).ShouldBeNull();
        deal.Properties.ContainsKey(DealProperties.Amount).ShouldBeTrue();
        deal.CompanyIds.ShouldBeEmpty();
        deal.ContactIds.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_company_is_read_with_exactly_the_company_properties()
    {
        await using var crm = await CrmUnderTest.StartAsync(state => state.SeedDemo());

        var company = (await crm.Client.GetCompanyAsync(31, Ct)).ShouldNotBeNull();

        company.Id.ShouldBe(31);
        company.Property(CompanyProperties.Name).ShouldBe("Acme Corp");
        company.Property(CompanyProperties.Domain).ShouldBe("acme.com");
        company.Property(CompanyProperties.Industry).ShouldBe("COMPUTER_SOFTWARE");
        company.Property(CompanyProperties.Country).ShouldBe("United States");
        company.Property(CompanyProperties.City).ShouldNotBeNull();
        company.Property(CompanyProperties.State).ShouldNotBeNull();
        company.Property(CompanyProperties.Zip).ShouldNotBeNull();
        // Seeded, but not asked for.
        company.Properties.ContainsKey("numberofemployees").ShouldBeFalse();
        crm.RequestsTo("/crm/v3/objects/companies/31").ShouldHaveSingleItem().Query("properties").ShouldBe(string.Join(',', CompanyProperties.All));
    }

    [Fact]
    public async Task Contacts_are_read_in_one_batch_in_the_callers_order_skipping_missing_ones()
    {
        await using var crm = await CrmUnderTest.StartAsync(state => state.SeedDemo());

        var contacts = await crm.Client.GetContactsAsync([502, 999, 501], Ct);

        contacts.Select(c => c.Id).ShouldBe([502, 501]);
        contacts[0].Property(ContactProperties.Email).ShouldBe("raj.patel@acme.com");
        contacts[0].Property(ContactProperties.Phone).ShouldBeNull();
        contacts[0].Property(ContactProperties.MobilePhone).ShouldBe("+1 206 555 0177");
        contacts[1].Property(ContactProperties.FirstName).ShouldBe("Jane");
        contacts[1].Property(ContactProperties.JobTitle).ShouldBe("Chief Technology Officer");

        var request = crm.RequestsTo("/crm/v3/objects/contacts/batch/read").ShouldHaveSingleItem();
        request.Method.ShouldBe("POST");
        using var body = JsonDocument.Parse(request.Body);
        body.RootElement.GetProperty("properties").EnumerateArray().Select(p => p.GetString()).ShouldBe(ContactProperties.All);
        body.RootElement.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ShouldBe(["502", "999", "501"]);
    }

    [Fact]
    public async Task More_than_a_hundred_contacts_are_read_in_batches_of_a_hundred()
    {
        var ids = Enumerable.Range(1, 150).Select(i => (long)i).ToList();
        await using var crm = await CrmUnderTest.StartAsync(state =>
        {
            foreach (var id in ids)
                state.AddContact(id, Props(("email", $"c{id}@example.com")));
        });

        var contacts = await crm.Client.GetContactsAsync(ids.AsEnumerable().Reverse().ToList(), Ct);

        contacts.Select(c => c.Id).ShouldBe(ids.AsEnumerable().Reverse());
        crm.RequestsTo("/crm/v3/objects/contacts/batch/read").Count.ShouldBe(2);
    }

    [Fact]
    public async Task Reading_no_contacts_asks_HubSpot_nothing()
    {
        await using var crm = await CrmUnderTest.StartAsync();

        (await crm.Client.GetContactsAsync([], Ct)).ShouldBeEmpty();

        crm.State.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_note_is_read_with_its_body_its_timestamp_and_its_deals()
    {
        var timestamp = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);
        await using var crm = await CrmUnderTest.StartAsync(state =>
        {
            state.SeedDemo();
            state.AddNote(8001, "<p>Both deals discussed.</p>", timestamp);
            state.AssociateNoteWithDeal(8001, 4242);
            state.AssociateNoteWithDeal(8001, 4243);
        });

        var note = (await crm.Client.GetNoteAsync(8001, Ct)).ShouldNotBeNull();

        note.Id.ShouldBe(8001);
        note.Body.ShouldBe("<p>Both deals discussed.</p>");
        note.Timestamp.ShouldBe(timestamp);
        note.DealIds.ShouldBe([4242, 4243]);
        var request = crm.RequestsTo("/crm/v3/objects/notes/8001").ShouldHaveSingleItem();
        request.Query("properties").ShouldBe("hs_note_body,hs_timestamp");
        request.Query("associations").ShouldBe("deals");
    }

    [Theory]
    [InlineData("companies", 31, new long[] { 4242, 4243 })]
    [InlineData("contacts", 501, new long[] { 4242, 4243 })]
    [InlineData("contacts", 502, new long[] { 4242 })]
    [InlineData("company", 31, new long[] { 4242, 4243 })]
    public async Task The_deals_of_a_company_or_a_contact_are_read(string objectType, long objectId, long[] expected)
    {
        await using var crm = await CrmUnderTest.StartAsync(state => state.SeedDemo());

        var dealIds = await crm.Client.GetAssociatedDealIdsAsync(objectType, objectId, Ct);

        dealIds.ShouldBe(expected);
    }

    [Fact]
    public async Task Associated_deals_are_read_across_every_page()
    {
        await using var crm = await CrmUnderTest.StartAsync(state =>
        {
            state.AssociationPageSize = 2;
            state.AddCompany(31, Props(("name", "Acme Corp")));
            for (var id = 1; id <= 5; id++)
            {
                state.AddDeal(id, Props(("dealname", $"Deal {id}")));
                state.AssociateDealWithCompany(id, 31, primary: true);
            }
        });

        var dealIds = await crm.Client.GetAssociatedDealIdsAsync("companies", 31, Ct);

        dealIds.ShouldBe([1, 2, 3, 4, 5]);
        var pages = crm.RequestsTo("/crm/v4/objects/companies/31/associations/deals");
        pages.Select(p => p.Query("after")).ShouldBe([null, "2", "4"]);
    }

    [Fact]
    public async Task An_object_without_deals_has_none()
    {
        await using var crm = await CrmUnderTest.StartAsync(state => state.SeedDemo());

        (await crm.Client.GetAssociatedDealIdsAsync("contacts", 424242, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Deals_are_read_for_companies_and_contacts_only()
    {
        await using var crm = await CrmUnderTest.StartAsync();

        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => crm.Client.GetAssociatedDealIdsAsync("tickets", 1, Ct));
    }

    [Fact]
    public async Task Missing_objects_read_as_null()
    {
        await using var crm = await CrmUnderTest.StartAsync(state => state.SeedDemo());

        (await crm.Client.GetDealAsync(999, Ct)).ShouldBeNull();
        (await crm.Client.GetCompanyAsync(999, Ct)).ShouldBeNull();
        (await crm.Client.GetNoteAsync(999, Ct)).ShouldBeNull();
    }

    // ---- Writes --------------------------------------------------------------------------------------------------

    [Fact]
    public async Task An_updated_deal_reads_back_with_its_new_properties_and_a_new_modification_date()
    {
        await using var crm = await CrmUnderTest.StartAsync(state => state.SeedDemo());
        var before = crm.State.Deal(4242).ShouldNotBeNull();

        await crm.Client.UpdateDealAsync(4242, new Dictionary<string, string?>
        {
            [DealProperties.OpportunityId] = "O1234567",
            [DealProperties.SyncStatus] = "synced",
            [DealProperties.Description] = null,
        }, Ct);

        var deal = (await crm.Client.GetDealAsync(4242, Ct)).ShouldNotBeNull();
        deal.Property(DealProperties.OpportunityId).ShouldBe("O1234567");
        deal.Property(DealProperties.SyncStatus).ShouldBe("synced");
        deal.Property(DealProperties.Description).ShouldBeNull();
        deal.Property(DealProperties.Name).ShouldBe("Acme cloud migration #AWS");

        var after = crm.State.Deal(4242).ShouldNotBeNull();
        after.Property("aws_opportunity_id").ShouldBe("O1234567");
        after.Property("description").ShouldBe("");
        after.UpdatedAt.ShouldBeGreaterThanOrEqualTo(before.UpdatedAt);
        after.Property("hs_lastmodifieddate").ShouldNotBeNull();

        var patch = crm.RequestsTo("/crm/v3/objects/deals/4242").Where(r => r.Method == "PATCH").ShouldHaveSingleItem();
        using var body = JsonDocument.Parse(patch.Body);
        body.RootElement.GetProperty("properties").GetProperty("description").GetString().ShouldBe("");
    }

    [Fact]
    public async Task A_note_created_on_a_deal_is_stored_with_its_association_and_reads_back()
    {
        var now = new DateTimeOffset(2026, 11, 22, 12, 18, 20, 123, TimeSpan.Zero);
        await using var crm = await CrmUnderTest.StartAsync(state => state.SeedDemo(), clock: new FixedClock(now));

        await crm.Client.CreateNoteOnDealAsync(4243, "<p>Opportunity <b>O1234567</b> created in Partner Central.</p>", Ct);

        var note = crm.State.NotesOnDeal(4243).ShouldHaveSingleItem();
        note.Body.ShouldBe("<p>Opportunity <b>O1234567</b> created in Partner Central.</p>");
        note.Timestamp.ShouldBe("2026-11-22T12:18:20.123Z");
        note.DealIds.ShouldBe([4243]);

        var request = crm.RequestsTo("/crm/v3/objects/notes").ShouldHaveSingleItem();
        using var body = JsonDocument.Parse(request.Body);
        var association = body.RootElement.GetProperty("associations").EnumerateArray().ShouldHaveSingleItem();
        association.GetProperty("to").GetProperty("id").GetString().ShouldBe("4243");
        var type = association.GetProperty("types").EnumerateArray().ShouldHaveSingleItem();
        type.GetProperty("associationCategory").GetString().ShouldBe("HUBSPOT_DEFINED");
        type.GetProperty("associationTypeId").GetInt32().ShouldBe(214);

        var read = (await crm.Client.GetNoteAsync(note.Id, Ct)).ShouldNotBeNull();
        read.Timestamp.ShouldBe(now);
        read.DealIds.ShouldBe([4243]);
    }

    [Fact]
    public async Task A_note_on_a_deal_that_does_not_exist_is_refused_for_good()
    {
        await using var crm = await CrmUnderTest.StartAsync();

        var refused = await Should.ThrowAsync<HubSpotPermanentException>(() => crm.Client.CreateNoteOnDealAsync(999, "<p>x</p>", Ct));

        refused.StatusCode.ShouldBe(400);
        crm.State.Notes.ShouldBeEmpty();
    }

    // ---- Failures ------------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_rate_limited_request_is_transient_with_the_Retry_After_HubSpot_sent()
    {
        await using var crm = await CrmUnderTest.StartAsync(state => state.SeedDemo());
        crm.State.RateLimitNext(1, TimeSpan.FromSeconds(7));

        var failure = await Should.ThrowAsync<HubSpotTransientException>(() => crm.Client.GetDealAsync(4242, Ct));

        failure.RetryAfter.ShouldBe(TimeSpan.FromSeconds(7));
        failure.Message.ShouldContain("429");
        failure.Message.ShouldContain("RATE_LIMITS");
        (await crm.Client.GetDealAsync(4242, Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task A_Retry_After_date_becomes_the_time_left_until_it()
    {
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        await using var crm = await CrmUnderTest.StartAsync(state => state.SeedDemo(), clock: new FixedClock(now));
        crm.State.RateLimitNext(1, now.AddSeconds(30));

        var failure = await Should.ThrowAsync<HubSpotTransientException>(() => crm.Client.GetCompanyAsync(31, Ct));

        failure.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_rate_limit_without_Retry_After_is_transient_without_a_delay()
    {
        await using var crm = await CrmUnderTest.StartAsync(state => state.SeedDemo());
        crm.State.RateLimitNext(1);

        var failure = await Should.ThrowAsync<HubSpotTransientException>(() => crm.Client.GetContactsAsync([501], Ct));

        failure.RetryAfter.ShouldBeNull();
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task A_server_error_is_transient(int status)
    {
        await using var crm = await CrmUnderTest.StartAsync(state => state.SeedDemo());
        crm.State.FailNext(1, status);

        var failure = await Should.ThrowAsync<HubSpotTransientException>(() =>
            crm.Client.UpdateDealAsync(4242, new Dictionary<string, string?> { [DealProperties.SyncStatus] = "synced" }, Ct));

        failure.Message.ShouldContain(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        crm.State.Deal(4242).ShouldNotBeNull().Property(DealProperties.SyncStatus).ShouldBeNull();
    }

    [Fact]
    public async Task A_validation_error_is_permanent_with_HubSpots_message()
    {
        await using var crm = await CrmUnderTest.StartAsync(state => state.SeedDemo());

        var refused = await Should.ThrowAsync<HubSpotPermanentException>(() =>
            crm.Client.UpdateDealAsync(4242, new Dictionary<string, string?> { ["aws_not_a_property"] = "x" }, Ct));

        refused.StatusCode.ShouldBe(400);
        refused.Message.ShouldContain("VALIDATION_ERROR");
        refused.Message.ShouldContain("Property values were not valid");
        refused.Message.ShouldContain("Property \\\"aws_not_a_property\\\" does not exist");
    }

    [Fact]
    public async Task Any_other_client_error_is_permanent_with_its_status_and_message()
    {
        await using var crm = await CrmUnderTest.StartAsync(state => state.SeedDemo());
        crm.State.RespondNextWithError(403, "MISSING_SCOPES", "This app hasn't been granted all required scopes to make this call.");

        var refused = await Should.ThrowAsync<HubSpotPermanentException>(() => crm.Client.GetDealAsync(4242, Ct));

        refused.StatusCode.ShouldBe(403);
        refused.Message.ShouldContain("This app hasn't been granted all required scopes to make this call.");
    }

    [Fact]
    public async Task A_wrong_token_is_refused_for_good_with_401()
    {
        await using var crm = await CrmUnderTest.StartAsync(state => state.SeedDemo(),
            new Dictionary<string, string?> { ["HubSpot:AccessToken"] = "pat-na1-00000000-wrong" });

        var refused = await Should.ThrowAsync<HubSpotPermanentException>(() => crm.Client.GetDealAsync(4242, Ct));

        refused.StatusCode.ShouldBe(401);
        refused.Message.ShouldContain("INVALID_AUTHENTICATION");
        refused.Message.ShouldContain("Authentication credentials not found");
        refused.Message.ShouldNotContain("pat-na1-00000000-wrong");
        crm.State.Requests.ShouldHaveSingleItem().Authorized.ShouldBeFalse();
    }

    [Fact]
    public async Task A_request_that_outlasts_the_timeout_is_transient()
    {
        await using var crm = await CrmUnderTest.StartAsync(state => state.SeedDemo(),
            new Dictionary<string, string?> { ["HubSpot:RequestTimeout"] = "00:00:01" });
        using var hold = crm.State.HoldNext();

        var failure = await Should.ThrowAsync<HubSpotTransientException>(() => crm.Client.GetDealAsync(4242, Ct));

        // Held at the emulator, or (on a loaded machine) not even there within the second: either way the deadline,
        // not a refused connection ("could not be reached"), ended it.
        failure.Message.ShouldContain("did not answer");
        failure.RetryAfter.ShouldBeNull();
        failure.ToString().ShouldNotContain(CrmUnderTest.Token);
    }

    [Fact]
    public async Task The_callers_cancellation_stays_a_cancellation()
    {
        await using var crm = await CrmUnderTest.StartAsync(state => state.SeedDemo());
        using var hold = crm.State.HoldNext();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var reading = crm.Client.GetDealAsync(4242, cancellation.Token);
        await hold.Arrived.WaitAsync(Ct);
        await cancellation.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(() => reading);
    }

    [Fact]
    public async Task A_refused_connection_is_transient()
    {
        await using var crm = await CrmUnderTest.StartAsync(settings: new Dictionary<string, string?>
        {
            ["HubSpot:ApiBaseUrl"] = $"http://127.0.0.1:{Switchyard.Testing.FreePort.Next()}/hubspot",
        });

        var failure = await Should.ThrowAsync<HubSpotTransientException>(() => crm.Client.GetDealAsync(4242, Ct));

        failure.Message.ShouldContain("could not be reached");
        failure.ToString().ShouldNotContain(CrmUnderTest.Token);
    }

    [Fact]
    public async Task The_token_is_in_no_exception_message_even_when_HubSpot_echoes_it()
    {
        await using var crm = await CrmUnderTest.StartAsync(state => state.SeedDemo());
        var failures = new List<Exception>();

        async Task Capture(Func<Task> call) => failures.Add(await Should.ThrowAsync<Exception>(call));

        crm.State.RespondNextWithError(400, "VALIDATION_ERROR", $"Bearer {CrmUnderTest.Token} is not valid here");
        await Capture(() => crm.Client.GetDealAsync(4242, Ct));
        crm.State.RespondNextWithError(401, "INVALID_AUTHENTICATION", $"The token {CrmUnderTest.Token} has expired");
        await Capture(() => crm.Client.GetCompanyAsync(31, Ct));
        crm.State.RateLimitNext(1, TimeSpan.FromSeconds(1));
        await Capture(() => crm.Client.GetContactsAsync([501], Ct));
        crm.State.FailNext(1);
        await Capture(() => crm.Client.CreateNoteOnDealAsync(4242, "<p>x</p>", Ct));

        failures.Count.ShouldBe(4);
        failures[0].Message.ShouldContain("[redacted] is not valid here");
        foreach (var failure in failures)
            failure.ToString().ShouldNotContain(CrmUnderTest.Token);
    }
}
