using Switchyard.Processor.HubSpot;

namespace Switchyard.Processor.Tests.HubSpot;

/// <summary>What the Refit client's handlers add to every CRM call: the token, kept out of every log line, and answers read or refused.</summary>
public sealed class HubSpotHandlerTests : IAsyncLifetime
{
    ScriptedApi _api = null!;

    static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _api = await ScriptedApi.StartAsync();

    public ValueTask DisposeAsync() => _api.DisposeAsync();

    // The client pointed at the stand-in, below a path as an emulator's would be.
    Task<CrmUnderTest> StandInAsync() =>
        CrmUnderTest.StartAsync(settings: new Dictionary<string, string?> { ["HubSpot:ApiBaseUrl"] = new Uri(_api.BaseAddress, "hubspot").ToString() });

    [Fact]
    public async Task A_read_answered_with_a_page_that_is_not_JSON_is_transient()
    {
        await using var crm = await StandInAsync();
        _api.Answer(200, "<html><body>Bad gateway</body></html>", ("Content-Type", "text/html"));

        var failure = await Should.ThrowAsync<HubSpotTransientException>(() => crm.Client.GetDealAsync(4242, Ct));

        failure.Message.ShouldBe("HubSpot answered GET /crm/v3/objects/deals/4242 with a body that is not the JSON expected.");
        failure.RetryAfter.ShouldBeNull();
        _api.Requests.ShouldHaveSingleItem().Path.ShouldBe("/hubspot/crm/v3/objects/deals/4242");
    }

    [Fact]
    public async Task A_read_answered_with_nothing_is_transient()
    {
        await using var crm = await StandInAsync();
        _api.Answer(200, "");

        var failure = await Should.ThrowAsync<HubSpotTransientException>(() => crm.Client.GetCompanyAsync(31, Ct));

        failure.Message.ShouldBe("HubSpot answered GET /crm/v3/objects/companies/31 with a body that is not the JSON expected.");
    }

    [Fact]
    public async Task A_write_HubSpot_accepted_is_done_whatever_its_answer_says()
    {
        await using var crm = await StandInAsync();
        _api.Answer(200, "<html>not JSON</html>");

        await crm.Client.UpdateDealAsync(4242, new Dictionary<string, string?> { [DealProperties.SyncStatus] = "synced" }, Ct);
        await crm.Client.CreateNoteOnDealAsync(4242, "<p>Done.</p>", Ct);

        _api.Requests.Select(r => (r.Method, r.Path)).ShouldBe([("PATCH", "/hubspot/crm/v3/objects/deals/4242"), ("POST", "/hubspot/crm/v3/objects/notes")]);
    }

    [Fact]
    public async Task A_gateway_error_with_Retry_After_is_transient_with_the_wait()
    {
        await using var crm = await StandInAsync();
        _api.Answer(503, "<html>Service Unavailable</html>", ("Retry-After", "12"));

        var failure = await Should.ThrowAsync<HubSpotTransientException>(() => crm.Client.GetContactsAsync([501], Ct));

        failure.RetryAfter.ShouldBe(TimeSpan.FromSeconds(12));
        failure.Message.ShouldBe("HubSpot answered 503 to POST /crm/v3/objects/contacts/batch/read");
        _api.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Every_request_carries_the_token_as_a_bearer_token_and_asks_for_JSON()
    {
        await using var crm = await StandInAsync();
        _api.Answer(200, "{\"id\":\"31\",\"properties\":{\"name\":\"Acme Corp\"}}");

        (await crm.Client.GetCompanyAsync(31, Ct)).ShouldNotBeNull().Property(CompanyProperties.Name).ShouldBe("Acme Corp");

        var request = _api.Requests.ShouldHaveSingleItem();
        request.Header("Authorization").ShouldBe($"Bearer {CrmUnderTest.Token}");
        request.Header("Accept").ShouldBe("application/json");
    }

    [Fact]
    public async Task The_token_is_in_no_log_line_at_any_level()
    {
        await using var crm = await CrmUnderTest.StartAsync(state => state.SeedDemo());
        crm.State.RespondNextWithError(401, "INVALID_AUTHENTICATION", $"The token {CrmUnderTest.Token} has expired");
        await Should.ThrowAsync<HubSpotPermanentException>(() => crm.Client.GetDealAsync(4242, Ct));
        crm.State.RateLimitNext(1, TimeSpan.FromSeconds(1));
        await Should.ThrowAsync<HubSpotTransientException>(() => crm.Client.GetCompanyAsync(31, Ct));
        (await crm.Client.GetContactsAsync([501], Ct)).ShouldHaveSingleItem();

        var lines = crm.Logs.Lines;
        lines.ShouldContain(line => line.StartsWith("Warning", StringComparison.Ordinal)
            && line.Contains("HubSpot refused GET /crm/v3/objects/deals/4242 with 401 INVALID_AUTHENTICATION", StringComparison.Ordinal));
        lines.ShouldContain(line => line.Contains("HubSpot could not answer GET /crm/v3/objects/companies/31 now (429)", StringComparison.Ordinal));
        // HttpClient logs the headers at Trace: the token's header is among them, redacted.
        lines.ShouldContain(line => line.Contains("Authorization", StringComparison.Ordinal));
        lines.ShouldAllBe(line => !line.Contains(CrmUnderTest.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_object_reads_as_null_without_a_warning()
    {
        await using var crm = await CrmUnderTest.StartAsync(state => state.SeedDemo());

        (await crm.Client.GetNoteAsync(999, Ct)).ShouldBeNull();

        crm.Logs.Lines.ShouldNotContain(line => line.StartsWith("Warning", StringComparison.Ordinal));
        crm.Logs.Lines.ShouldContain(line => line.Contains("HubSpot has nothing at GET /crm/v3/objects/notes/999 (404)", StringComparison.Ordinal));
    }
}
