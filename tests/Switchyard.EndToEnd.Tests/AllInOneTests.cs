using System.Globalization;
using System.Net;
using System.Text.Json;
using Switchyard.Testing;

namespace Switchyard.EndToEnd.Tests;

/// <summary>The README's run command: everything in one process on the in-memory transport.</summary>
public class AllInOneTests
{
    [Fact]
    public async Task It_prints_where_to_send_webhooks_and_turns_the_demo_deal_into_an_opportunity_the_sample_subscriber_hears_of()
    {
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        await using var allInOne = HostProcess.AllInOne(
            $"--Urls={baseAddress}",
            $"--Dispatcher:Subscriptions:0:Url={baseAddress}sample-subscriber",
            // Room for a busy machine to confirm the event (the default is 3 s).
            "--Receipt:PublishTimeout=00:00:30");

        await allInOne.WaitForOutputAsync($"Send HubSpot webhooks to POST {baseAddress}webhooks/hubspot");
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
