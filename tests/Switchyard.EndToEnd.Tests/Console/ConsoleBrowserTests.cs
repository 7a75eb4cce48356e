using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests.Console;

/// <summary>
/// The console in Chromium, against the AllInOne binary as users run it, with a webhook subscriber the test makes fail
/// and recover. Each page visited is saved as a screenshot (see <see cref="ConsoleBrowser.ScreenshotDirectory"/>).
/// </summary>
public sealed class ConsoleBrowserTests : IAsyncLifetime
{
    const string OperatorKey = "ops-key-0123456789abcdef";
    const string ViewerKey = "sales-key-0123456789abcdef";

    readonly string _data = Path.Combine(Path.GetTempPath(), "switchyard-console-" + Guid.NewGuid().ToString("N"));
    WebhookSink _subscriber = null!;
    ConsoleBrowser _browser = null!;

    /// <summary>
    /// How long a condition may take: a webhook going through receipt, processor and dispatcher, a
    /// page reloaded until it shows the result. Seconds when idle; generous for a loaded two-core machine running
    /// Chromium beside the host.
    /// </summary>
    static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    /// <summary>The browser's own requests (a forged post) wait as long as its pages do.</summary>
    const float RequestTimeout = 60_000;

    static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _subscriber = await WebhookSink.StartAsync();
        _browser = await ConsoleBrowser.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _subscriber.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>AllInOne with its own stores, an operator (ops) and a viewer (sales), and its sample subscription pointed at the test's subscriber.</summary>
    async Task<(HostProcess Process, Uri BaseAddress)> StartAllInOneAsync()
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}/");
        var process = HostProcess.AllInOne(
            $"--Urls={baseAddress}",
            $"--Dispatcher:Subscriptions:0:Url={_subscriber.Url("/hook")}",
            $"--Dispatcher:Storage:ConnectionString=Data Source={Path.Combine(_data, "dispatcher.db")}",
            // A write budget of its own: the overview's figure starts from the whole window.
            $"--Processor:Storage:ConnectionString=Data Source={Path.Combine(_data, "processor.db")}",
            $"--Console:Storage:ConnectionString=Data Source={Path.Combine(_data, "console.db")}",
            $"--Console:HistoryFile={Path.Combine(_data, "history.jsonl")}",
            "--Auth:ApiKeys:1:Name=ops", $"--Auth:ApiKeys:1:Key={OperatorKey}",
            "--Auth:ApiKeys:2:Name=sales", $"--Auth:ApiKeys:2:Key={ViewerKey}",
            "--Console:Operators:1=ops",
            "--Console:Viewers:0=sales",
            // One quick retry: a failing delivery reaches the error queue in a moment, not after the default waits.
            "--Bus:Retry:Intervals:0=00:00:00.100",
            // ... and no delayed redeliveries, which would keep it out of the error queue for a day.
            "--Dispatcher:Delivery:Redelivery:Enabled=false");
        await process.WaitForOutputAsync("Open the console at");
        return (process, baseAddress);
    }

    static async Task PostDealCreatedAsync(Uri baseAddress, long dealId)
    {
        using var client = new HttpClient { BaseAddress = baseAddress };
        using var response = await client.PostAsync(new Uri("webhooks/hubspot", UriKind.Relative), HubSpotBatches.DealCreated(dealId), Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>Reloads <paramref name="path"/> until <paramref name="selector"/> matches at least one element.</summary>
    static Task WaitForAsync(IPage page, string path, string selector, string what) =>
        Poll.UntilAsync(async () =>
        {
            await page.GotoAsync(path);
            return await page.Locator(selector).CountAsync() > 0;
        }, what, Deadline);

    [Fact]
    public async Task An_operator_sees_a_failing_subscribers_delivery_as_one_group_replays_it_once_the_subscriber_recovers_and_the_log_shows_it_delivered()
    {
        _subscriber.RespondWith(_ => StatusCodes.ServiceUnavailable);
        var (allInOne, baseAddress) = await StartAllInOneAsync();
        await using var _ = allInOne;
        var page = await _browser.OpenAsync(baseAddress);
        await ConsoleBrowser.SignInAsync(page, "ops", OperatorKey, screenshot: "sign-in");
        (await page.Locator("[data-role]").InnerTextAsync()).ShouldBe("operator");

        await PostDealCreatedAsync(baseAddress, 4242);

        // The opportunity.created delivery fails twice (an attempt and a retry) and lands in the delivery error queue.
        await WaitForAsync(page, "/console/failed", "tr[data-group]", "the failed delivery on the failed-messages page");
        var groups = page.Locator("tr[data-group]");
        (await groups.CountAsync()).ShouldBe(1);
        (await groups.First.InnerTextAsync()).ShouldContain("dispatcher-delivery");
        await ConsoleBrowser.ScreenshotAsync(page, "failed-messages");
        await groups.First.GetByRole(AriaRole.Link).First.ClickAsync();
        await page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Messages" }).WaitForAsync();
        await ConsoleBrowser.ScreenshotAsync(page, "failure-group");
        await page.Locator("a[href^='/console/failed/message/']").First.ClickAsync();
        await page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Stack trace" }).WaitForAsync();
        (await page.Locator("pre").Last.InnerTextAsync()).ShouldContain("opportunity.created");
        await ConsoleBrowser.ScreenshotAsync(page, "failed-message");
        var failedAttempts = _subscriber.Requests.Count;
        failedAttempts.ShouldBe(2);

        _subscriber.RespondWith(_ => StatusCodes.OK);
        await page.GotoAsync("/console/failed");
        await page.Locator("tr[data-group]").First.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { NameRegex = new("^Replay group") }).ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldStartWith("Replay of group");

        await WaitForAsync(page, "/console/deliveries?subscription=sample&outcome=delivered", "tr[data-outcome='delivered']", "the replayed delivery to be logged as delivered");
        await ConsoleBrowser.ScreenshotAsync(page, "deliveries");
        var requests = await _subscriber.WaitForAsync(failedAttempts + 1, timeout: Deadline);
        requests[^1].Header("webhook-id").ShouldBe(requests[0].Header("webhook-id"));
        requests[^1].Json.GetProperty("type").GetString().ShouldBe("opportunity.created");
        await page.Locator("tr[data-outcome='delivered'] a").First.ClickAsync();
        await page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Name = "Request headers" }).WaitForAsync();
        (await page.Locator("dl.facts").InnerTextAsync()).ShouldContain("HTTP 200");
        await ConsoleBrowser.ScreenshotAsync(page, "delivery");
        await WaitForAsync(page, "/console/failed", "[data-empty]", "the error queue to be empty after the replay");
        await WaitForAsync(page, "/console/failed", "#history ~ .table-wrap tbody tr", "the replay in the history");
        (await page.Locator("#history ~ .table-wrap tbody tr").First.InnerTextAsync()).ShouldContain("ops");

        // The same webhook made the deal an opportunity: the read model has it from the outcome event.
        await WaitForAsync(page, "/console/deals", "tr[data-deal='4242'][data-opportunity^='O']", "deal 4242 with its opportunity");
        (await page.Locator("tr[data-deal='4242']").InnerTextAsync()).ShouldContain("opportunity.created");
        await ConsoleBrowser.ScreenshotAsync(page, "deals");

        await page.GotoAsync("/console/webhooks");
        (await page.Locator("tr[data-subscription='sample']").InnerTextAsync()).ShouldContain("active");
        await ConsoleBrowser.ScreenshotAsync(page, "webhooks");
        await page.GotoAsync("/");
        // The figures come from two queues (received events, delivery attempts), so both are awaited.
        await Poll.UntilAsync(async () => await page.Locator("[data-figure='delivered']").InnerTextAsync() != "0" &&
                                          await page.Locator("[data-figure='received']").InnerTextAsync() == "1",
            "the overview's live figures to count the received event and the delivery", Deadline);
        await ConsoleBrowser.ScreenshotAsync(page, "overview");
        var phone = await _browser.OpenAsync(baseAddress, width: 390, height: 844);
        await ConsoleBrowser.SignInAsync(phone, "ops", OperatorKey);
        await ConsoleBrowser.ScreenshotAsync(phone, "overview-phone");
    }

    [Fact]
    public async Task A_viewer_sees_failed_messages_without_replay_or_purge_and_a_forged_replay_is_refused()
    {
        _subscriber.RespondWith(_ => StatusCodes.UnprocessableEntity);
        var (allInOne, baseAddress) = await StartAllInOneAsync();
        await using var _ = allInOne;
        var page = await _browser.OpenAsync(baseAddress);
        await ConsoleBrowser.SignInAsync(page, "sales", ViewerKey);
        (await page.Locator("[data-role]").InnerTextAsync()).ShouldBe("viewer");
        await PostDealCreatedAsync(baseAddress, 4242);

        await WaitForAsync(page, "/console/failed", "tr[data-group]", "the failed delivery on the failed-messages page");

        (await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { NameRegex = new("Replay|Purge") }).CountAsync()).ShouldBe(0);
        await ConsoleBrowser.ScreenshotAsync(page, "failed-messages-viewer");
        // A post a viewer could forge: its own session and a valid antiforgery token (from its sign-out form).
        var token = await page.Locator("form[action*='SignOut'] input[name='__RequestVerificationToken']").GetAttributeAsync("value");
        var form = page.APIRequest.CreateFormData();
        form.Set("all", "true");
        form.Set("__RequestVerificationToken", token!);
        var forged = await page.APIRequest.PostAsync("/console/failed?handler=Replay", new APIRequestContextOptions { Form = form, MaxRedirects = 0, Timeout = RequestTimeout });
        forged.Status.ShouldBe((int)HttpStatusCode.Forbidden);
        var withoutToken = page.APIRequest.CreateFormData();
        withoutToken.Set("all", "true");
        var unprotected = await page.APIRequest.PostAsync("/console/failed?handler=Replay", new APIRequestContextOptions { Form = withoutToken, MaxRedirects = 0, Timeout = RequestTimeout });
        unprotected.Status.ShouldBe((int)HttpStatusCode.BadRequest);
        var disable = page.APIRequest.CreateFormData();
        disable.Set("id", "sample");
        disable.Set("__RequestVerificationToken", token!);
        (await page.APIRequest.PostAsync("/console/webhooks?handler=Disable", new APIRequestContextOptions { Form = disable, MaxRedirects = 0, Timeout = RequestTimeout })).Status.ShouldBe((int)HttpStatusCode.Forbidden);

        await page.GotoAsync("/console/failed");
        (await page.Locator("tr[data-group]").CountAsync()).ShouldBe(1);
        _subscriber.Requests.Count.ShouldBe(1);
        await page.GotoAsync("/console/webhooks");
        (await page.Locator("tr[data-subscription='sample']").InnerTextAsync()).ShouldContain("active");
    }

    [Fact]
    public async Task A_deal_submitted_to_AWS_and_approved_shows_its_submission_and_review_on_the_deals_page_and_the_overview_its_writes_in_the_budget()
    {
        _subscriber.RespondWith(_ => StatusCodes.OK);
        var (allInOne, baseAddress) = await StartAllInOneAsync();
        await using var _ = allInOne;
        var page = await _browser.OpenAsync(baseAddress);
        await ConsoleBrowser.SignInAsync(page, "sales", ViewerKey);
        // The processor in the process reports Partner Central's write budget: the whole window before any write.
        await Poll.UntilAsync(async () => await page.Locator("[data-figure='write-budget']").InnerTextAsync() == "10,000",
            "the overview to show the whole write budget", Deadline);

        await PostDealCreatedAsync(baseAddress, 4242);
        await WaitForAsync(page, "/console/deals", "tr[data-deal='4242'][data-opportunity^='O']", "deal 4242 with its opportunity");
        var opportunityId = await page.Locator("tr[data-deal='4242']").GetAttributeAsync("data-opportunity");

        // The seller ticks "submit to AWS" on the deal, and HubSpot sends the change (the README's walkthrough).
        using var http = new HttpClient { BaseAddress = baseAddress };
        await SendAsync(http, HttpMethod.Patch, "emulators/hubspot/crm/v3/objects/deals/4242", """{"properties":{"aws_submit_to_aws":"true"}}""",
            bearer: "pat-emulator-local-token");
        await SendAsync(http, HttpMethod.Post, "webhooks/hubspot", HubSpotBatches.DealPropertyChangedBody(4242, "aws_submit_to_aws", "true"));
        await WaitForAsync(page, "/console/deals", "tr[data-deal='4242'][data-submission='Submitted']", "deal 4242 submitted to AWS");

        // AWS's reviewer approves it (the emulator's control surface); polling or the event brings it back.
        await SendAsync(http, HttpMethod.Post, $"emulators/partner-central/_aws/opportunities/{opportunityId}/review", """{"ReviewStatus":"Approved"}""");
        await WaitForAsync(page, "/console/deals", "tr[data-deal='4242'][data-review='Approved']", "AWS's approval on deal 4242");
        var row = await page.Locator("tr[data-deal='4242']").InnerTextAsync();
        row.ShouldContain("Co-Sell");
        row.ShouldContain("was Submitted");
        (await page.Locator("tr[data-deal='4242'] a[href*='partnercentral']").GetAttributeAsync("href")).ShouldEndWith("/opportunity/" + opportunityId);
        (await page.Locator("tr[data-deal='4242'] a[href*='hubspot.com']").GetAttributeAsync("href")).ShouldEndWith("/record/0-3/4242");
        await ConsoleBrowser.ScreenshotAsync(page, "deals-submitted-approved");

        // Creating, associating and submitting the opportunity were writes: the overview counts them off the budget.
        await page.GotoAsync("/");
        await Poll.UntilAsync(async () => int.TryParse(await page.Locator("[data-figure='write-budget']").InnerTextAsync(), NumberStyles.AllowThousands,
                CultureInfo.InvariantCulture, out var left) && left is < 10_000 and > 9_900,
            "the overview to count the writes off the budget", Deadline);
    }

    static async Task SendAsync(HttpClient http, HttpMethod method, string path, string json, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        if (bearer is not null)
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        using var response = await http.SendAsync(request, Cancellation);
        response.IsSuccessStatusCode.ShouldBeTrue($"{method} /{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Cancellation)}");
    }

    static class StatusCodes
    {
        public const int OK = 200;
        public const int UnprocessableEntity = 422;
        public const int ServiceUnavailable = 503;
    }
}
