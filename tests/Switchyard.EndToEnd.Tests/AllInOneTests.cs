using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>The README's run command: everything in one process on the in-memory transport.</summary>
public class AllInOneTests
{
    [Fact]
    public async Task It_prints_where_to_send_webhooks_and_turns_the_demo_deal_into_an_opportunity_the_sample_subscriber_hears_of()
    {
        var baseAddress = FreeAddress();
        await using var allInOne = await StartAsync(baseAddress);

        using var client = new HttpClient { BaseAddress = baseAddress };
        using var response = await client.PostAsync(new Uri("webhooks/hubspot", UriKind.Relative),
            HubSpotBatches.DealCreated(4242), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonElement received = default;
        await Poll.UntilAsync(async () =>
        {
            received = JsonDocument.Parse(await client.GetStringAsync(new Uri("sample-subscriber", UriKind.Relative))).RootElement;
            return received.GetArrayLength() > 0;
        }, "the sample subscriber to receive the event");
        var body = received.EnumerateArray().ShouldHaveSingleItem().GetProperty("body");
        // No credentials are configured, so the demo deal went to the built-in emulators and came back an opportunity.
        body.GetProperty("type").GetString().ShouldBe("opportunity.created");
        body.GetProperty("data").GetProperty("dealId").GetInt64().ShouldBe(4242);
        body.GetProperty("data").GetProperty("title").GetString().ShouldBe("Acme cloud migration");
    }

    [Fact]
    public async Task The_walkthrough_submits_the_demo_deal_and_AWSs_approval_comes_back_to_the_deal_and_the_sample_subscriber()
    {
        var baseAddress = FreeAddress();
        await using var allInOne = await StartAsync(baseAddress);
        using var client = new HttpClient { BaseAddress = baseAddress };
        using var hubSpot = new HttpClient { BaseAddress = new Uri(baseAddress, "emulators/hubspot/") };
        hubSpot.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "pat-emulator-local-token");
        var cancel = TestContext.Current.CancellationToken;

        // The README's steps: the creation webhook, the checkbox ticked and its webhook, AWS's reviewer approving.
        (await client.PostAsync(new Uri("webhooks/hubspot", UriKind.Relative), HubSpotBatches.DealCreated(4242), cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var opportunityId = (await OutcomeAsync(client, "opportunity.created")).GetProperty("opportunityId").GetString()!;
        using (var tick = await hubSpot.PatchAsync(new Uri("crm/v3/objects/deals/4242", UriKind.Relative),
            Json("""{"properties":{"aws_submit_to_aws":"true"}}"""), cancel))
            tick.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PostAsync(new Uri("webhooks/hubspot", UriKind.Relative),
            Json(HubSpotBatches.DealPropertyChangedBody(4242, "aws_submit_to_aws", "true")), cancel)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Poll.UntilAsync(async () => await DealPropertyAsync(hubSpot, "aws_submission_status") == "Submitted", "the deal to say Submitted");
        using (var review = await client.PostAsync(new Uri($"emulators/partner-central/_aws/opportunities/{opportunityId}/review", UriKind.Relative),
            Json("""{"ReviewStatus":"Approved"}"""), cancel))
            review.StatusCode.ShouldBe(HttpStatusCode.OK);

        var changed = await OutcomeAsync(client, "opportunity.review_changed", data => data.GetProperty("newStatus").GetString() == "Approved");
        changed.GetProperty("oldStatus").GetString().ShouldBe("Submitted");
        changed.GetProperty("dealId").GetInt64().ShouldBe(4242);
        // The emulated portal's, as the outcomes of its webhooks carry.
        changed.GetProperty("portalId").GetInt64().ShouldBe(62515);
        (await DealPropertyAsync(hubSpot, "aws_review_status")).ShouldBe("Approved");
        (await OutcomeAsync(client, "opportunity.submitted")).GetProperty("portalId").GetInt64().ShouldBe(62515);
    }

    static Uri FreeAddress() => new($"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>AllInOne at <paramref name="baseAddress"/>, its sample subscription pointed there, once it says where to send webhooks.</summary>
    static async Task<HostProcess> StartAsync(Uri baseAddress)
    {
        var allInOne = HostProcess.AllInOne(
            $"--Urls={baseAddress}",
            $"--Dispatcher:Subscriptions:0:Url={baseAddress}sample-subscriber",
            // Room for a busy machine to confirm the event (the default is 3 s).
            "--Receipt:PublishTimeout=00:00:30");
        try
        {
            await allInOne.WaitForOutputAsync($"Send HubSpot webhooks to POST {baseAddress}webhooks/hubspot");
            return allInOne;
        }
        catch
        {
            await allInOne.DisposeAsync();
            throw;
        }
    }

    static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    static async Task<string?> DealPropertyAsync(HttpClient hubSpot, string property)
    {
        var deal = JsonDocument.Parse(await hubSpot.GetStringAsync(new Uri($"crm/v3/objects/deals/4242?properties={property}", UriKind.Relative))).RootElement;
        return deal.GetProperty("properties").TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    /// <summary>The <c>data</c> of the first event of <paramref name="type"/> the sample subscriber received (matching <paramref name="where"/>).</summary>
    static async Task<JsonElement> OutcomeAsync(HttpClient client, string type, Func<JsonElement, bool>? where = null)
    {
        JsonElement found = default;
        await Poll.UntilAsync(async () =>
        {
            var received = JsonDocument.Parse(await client.GetStringAsync(new Uri("sample-subscriber", UriKind.Relative))).RootElement;
            foreach (var body in received.EnumerateArray().Select(r => r.GetProperty("body")))
            {
                if (body.GetProperty("type").GetString() == type && (where is null || where(body.GetProperty("data"))))
                {
                    found = body.GetProperty("data").Clone();
                    return true;
                }
            }

            return false;
        }, $"the sample subscriber to receive {type}", TimeSpan.FromMinutes(2));
        return found;
    }

    [Fact]
    public async Task Selecting_a_transport_that_is_not_built_in_ends_it_with_exit_code_1_and_one_log_line()
    {
        await using var allInOne = HostProcess.AllInOne(
            $"--Urls=http://127.0.0.1:{FreePort.Next()}",
            "--Bus:Transport=AmazonSqs",
            "--Logging:Console:FormatterName=json");

        var exitCode = await allInOne.WaitForExitAsync();

        exitCode.ShouldBe(1);
        allInOne.Errors.ShouldBeEmpty();
        var line = allInOne.Output.Where(l => l.Length > 0).ShouldHaveSingleItem();
        var log = JsonDocument.Parse(line).RootElement;
        log.GetProperty("@l").GetString().ShouldBe("Fatal");
        log.GetProperty("Problem").GetString()!.ShouldStartWith("Bus:Transport 'AmazonSqs' is not built into this version");
        log.TryGetProperty("@x", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task A_taken_address_ends_it_with_exit_code_1_and_one_line_saying_what_to_do()
    {
        using var occupant = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)occupant.LocalEndpoint).Port}";
        await using var allInOne = HostProcess.AllInOne($"--Urls={address}", "--Logging:Console:FormatterName=json");

        var exitCode = await allInOne.WaitForExitAsync();

        exitCode.ShouldBe(1);
        allInOne.Errors.ShouldBeEmpty();
        var logs = allInOne.Output.Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        logs.Where(log => log.TryGetProperty("@x", out var _)).ShouldBeEmpty();
        var fatal = logs.Where(log => log.TryGetProperty("@l", out var level) && level.GetString() == "Fatal").ShouldHaveSingleItem();
        var problem = fatal.GetProperty("Problem").GetString()!;
        problem.ShouldContain(address);
        fatal.GetProperty("@m").GetString()!.ShouldContain("--Urls=");
    }
}
