using System.Net;
using Switchyard.Contracts.HubSpot;
using Switchyard.Hosting;
using Switchyard.Testing;

namespace Switchyard.Receipt.Tests;

/// <summary>Requests signed (or not) as HubSpot signs them, against the running receipt.</summary>
public class HubSpotSignatureVerificationTests
{
    static readonly string Body = Batches.Of(Batches.Event(5001));

    static async Task ShouldBeRefusedAsync(HttpResponseMessage response, ReceiptUnderTest receipt, string check)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var problem = await ReceiptUnderTest.JsonAsync(response);
        problem.GetProperty("type").GetString().ShouldBe(ProblemTypes.InvalidSignature);
        problem.GetProperty("check").GetString().ShouldBe(check);
        receipt.Harness.PublishedSoFar<HubSpotEventReceived>().ShouldBeEmpty();
    }

    [Theory]
    [InlineData(Signing.V3)]
    [InlineData(Signing.V2)]
    [InlineData(Signing.V1)]
    public async Task A_request_signed_with_any_of_HubSpots_three_versions_is_accepted(Signing signing)
    {
        await using var receipt = await ReceiptUnderTest.StartAsync();

        using var response = await receipt.PostHubSpotAsync(Body, signing);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        receipt.Harness.PublishedSoFar<HubSpotEventReceived>().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_v3_timestamp_older_than_five_minutes_is_refused()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync();

        using var response = await receipt.PostHubSpotAsync(Body, timestamp: DateTimeOffset.UtcNow.AddMinutes(-5.5).ToUnixTimeMilliseconds());

        await ShouldBeRefusedAsync(response, receipt, "timestamp-expired");
    }

    [Fact]
    public async Task A_v3_timestamp_more_than_five_minutes_ahead_is_refused()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync();

        using var response = await receipt.PostHubSpotAsync(Body, timestamp: DateTimeOffset.UtcNow.AddMinutes(5.5).ToUnixTimeMilliseconds());

        await ShouldBeRefusedAsync(response, receipt, "timestamp-in-future");
    }

    [Fact]
    public async Task A_v3_timestamp_four_minutes_old_is_accepted()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync();

        using var response = await receipt.PostHubSpotAsync(Body, timestamp: DateTimeOffset.UtcNow.AddMinutes(-4).ToUnixTimeMilliseconds());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(Signing.V3)]
    [InlineData(Signing.V2)]
    [InlineData(Signing.V1)]
    public async Task A_body_changed_after_signing_is_refused(Signing signing)
    {
        await using var receipt = await ReceiptUnderTest.StartAsync();
        var signedFor = Body;

        using var response = await receipt.PostHubSpotAsync(signedFor, signing, adjust: request =>
            request.Content = new StringContent(Body.Replace("5001", "5002", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"));

        await ShouldBeRefusedAsync(response, receipt, "signature-mismatch");
    }

    [Fact]
    public async Task A_signature_made_with_another_secret_is_refused_without_revealing_the_expected_one()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync();
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var expected = TestSignatures.V3(ReceiptUnderTest.ClientSecret, "POST", receipt.WebhookUrl(), Body, stamp.ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var response = await receipt.PostHubSpotAsync(Body, timestamp: stamp, secret: "someone-elses-secret");

        await ShouldBeRefusedAsync(response, receipt, "signature-mismatch");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldNotContain(expected);
    }

    [Fact]
    public async Task A_v3_signature_covers_the_query_string_with_HubSpots_escapes_decoded()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync();
        const string called = "webhooks/hubspot?portal=62515&note=a%3Ab%2Fc%20d%40e";
        var decoded = receipt.WebhookUrl(called)
            .Replace("%3A", ":", StringComparison.Ordinal).Replace("%2F", "/", StringComparison.Ordinal).Replace("%40", "@", StringComparison.Ordinal);

        using var signedDecoded = await receipt.PostHubSpotAsync(Body, pathAndQuery: called, signedUri: decoded);
        using var signedRaw = await receipt.PostHubSpotAsync(Body, pathAndQuery: called, signedUri: receipt.WebhookUrl(called));

        signedDecoded.StatusCode.ShouldBe(HttpStatusCode.OK);
        signedRaw.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Behind_a_proxy_the_forwarded_scheme_host_and_prefix_are_what_is_signed()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync(new Dictionary<string, string?> { ["ForwardedHeaders:Enabled"] = "true" });

        using var response = await receipt.PostHubSpotAsync(Body, signedUri: "https://hooks.example.com/switchyard/webhooks/hubspot", adjust: Forwarded);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Forwarded_headers_are_ignored_unless_enabled()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync();

        using var response = await receipt.PostHubSpotAsync(Body, signedUri: "https://hooks.example.com/switchyard/webhooks/hubspot", adjust: Forwarded);

        await ShouldBeRefusedAsync(response, receipt, "signature-mismatch");
    }

    [Fact]
    public async Task A_configured_public_base_url_is_what_is_signed()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync(new Dictionary<string, string?> { ["HubSpot:PublicBaseUrl"] = "https://public.example.com/" });

        using var v3 = await receipt.PostHubSpotAsync(Body, signedUri: "https://public.example.com/webhooks/hubspot?x=1", pathAndQuery: "webhooks/hubspot?x=1");
        using var v2 = await receipt.PostHubSpotAsync(Body, Signing.V2, signedUri: "https://public.example.com/webhooks/hubspot");

        v3.StatusCode.ShouldBe(HttpStatusCode.OK);
        v2.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Without_a_client_secret_in_Development_unsigned_requests_are_accepted()
    {
        await using var receipt = await ReceiptUnderTest.StartAsync(new Dictionary<string, string?> { ["HubSpot:ClientSecret"] = null });

        using var response = await receipt.PostHubSpotAsync(Body, Signing.None);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    static void Forwarded(HttpRequestMessage request)
    {
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "hooks.example.com");
        request.Headers.Add("X-Forwarded-Prefix", "/switchyard");
    }
}
