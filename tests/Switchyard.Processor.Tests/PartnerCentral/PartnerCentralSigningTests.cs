using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Emulators.PartnerCentral;
using Switchyard.Processor.PartnerCentral;
using Switchyard.Testing;

namespace Switchyard.Processor.Tests.PartnerCentral;

/// <summary>SigV4 between the client (AWSSDK.Core's signer) and the emulator (its own verifier), and transport failures.</summary>
public sealed class PartnerCentralSigningTests : IAsyncLifetime
{
    const string SessionKeyId = "ASIAEMULATORTEST0002";
    const string SessionSecret = "Session/Secret+Key0000000000000000000002";
    const string SessionToken = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN//////////wEaDEXAMPLE";

    PartnerCentralEmulatorHost _host = null!;

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await PartnerCentralEmulatorHost.StartAsync("/emulators/partner-central", options =>
        options.Credentials.Add(new PartnerCentralEmulatorCredential { AccessKeyId = SessionKeyId, SecretAccessKey = SessionSecret, SessionToken = SessionToken }));

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task A_request_signed_with_a_wrong_secret_is_refused_and_is_permanent()
    {
        var client = _host.CreateClient(new Dictionary<string, string?> { ["SecretAccessKey"] = "Wrong/Secret+Key000000000000000000000000" }).Client;

        var e = await Should.ThrowAsync<PartnerCentralException>(() => client.CreateOpportunityAsync(Opportunities.Valid(), Cancel));

        e.ErrorType.ShouldBe("InvalidSignatureException");
        e.Kind.ShouldBe(PartnerCentralErrorKind.Permanent);
        e.Reason.ShouldStartWith("The request signature we calculated does not match the signature you provided.");
        _host.Emulator.Requests.Single().StatusCode.ShouldBe(403);
        _host.Emulator.Opportunities.ShouldBeEmpty();
    }

    [Fact]
    public async Task No_secret_appears_in_an_exception_or_a_log_line()
    {
        const string wrongSecret = "Wrong/Secret+ThatMustNotLeak00000000000";
        var host = _host.CreateClient(new Dictionary<string, string?>
        {
            ["AccessKeyId"] = SessionKeyId,
            ["SecretAccessKey"] = wrongSecret,
            ["SessionToken"] = SessionToken,
        });

        var e = await Should.ThrowAsync<PartnerCentralException>(() => host.Client.GetOpportunityAsync("O1234567", Cancel));

        var everything = string.Join('\n', [e.ToString(), e.Reason, .. host.Logs.Lines]);
        e.ErrorType.ShouldBe("InvalidSignatureException");
        host.Logs.Lines.ShouldContain(line => line.Contains("GetOpportunity failed with InvalidSignatureException (Permanent)", StringComparison.Ordinal));
        foreach (var secret in new[] { wrongSecret, SessionSecret, SessionToken, PartnerCentralEmulatorHost.SecretAccessKey })
            everything.ShouldNotContain(secret);
    }

    [Fact]
    public async Task An_unknown_access_key_is_refused_as_an_unrecognized_client()
    {
        var client = _host.CreateClient(new Dictionary<string, string?> { ["AccessKeyId"] = "AKIAUNKNOWNKEY000001" }).Client;

        var e = await Should.ThrowAsync<PartnerCentralException>(() => client.ListSolutionsAsync(Cancel));

        e.ErrorType.ShouldBe("UnrecognizedClientException");
        e.Kind.ShouldBe(PartnerCentralErrorKind.Permanent);
    }

    [Fact]
    public async Task Temporary_keys_send_their_session_token_and_are_refused_without_it()
    {
        var withToken = _host.CreateClient(new Dictionary<string, string?>
        {
            ["AccessKeyId"] = SessionKeyId, ["SecretAccessKey"] = SessionSecret, ["SessionToken"] = SessionToken,
        }).Client;
        var withoutToken = _host.CreateClient(new Dictionary<string, string?> { ["AccessKeyId"] = SessionKeyId, ["SecretAccessKey"] = SessionSecret }).Client;

        (await withToken.ListSolutionsAsync(Cancel)).ShouldBeEmpty();
        var e = await Should.ThrowAsync<PartnerCentralException>(() => withoutToken.ListSolutionsAsync(Cancel));

        _host.Emulator.Requests[0].Header("X-Amz-Security-Token").ShouldBe(SessionToken);
        _host.Emulator.Requests[0].Header("Authorization")!.ShouldContain("x-amz-security-token");
        e.ErrorType.ShouldBe("UnrecognizedClientException");
    }

    [Theory]
    [InlineData(-20)]
    [InlineData(20)]
    public async Task A_request_signed_more_than_15_minutes_away_from_the_emulators_clock_is_refused(int minutes)
    {
        var client = _host.CreateClient(clock: new OffsetClock(TimeSpan.FromMinutes(minutes))).Client;

        var e = await Should.ThrowAsync<PartnerCentralException>(() => client.ListSolutionsAsync(Cancel));

        e.ErrorType.ShouldBe("InvalidSignatureException");
        e.Reason.ShouldStartWith(minutes < 0 ? "Signature expired: " : "Signature not yet current: ");
        e.Kind.ShouldBe(PartnerCentralErrorKind.Permanent);
    }

    [Fact]
    public async Task A_request_signed_10_minutes_behind_is_accepted() =>
        (await _host.CreateClient(clock: new OffsetClock(TimeSpan.FromMinutes(-10))).Client.ListSolutionsAsync(Cancel)).ShouldBeEmpty();

    [Fact]
    public async Task A_request_signed_for_another_region_is_refused()
    {
        var client = _host.CreateClient(new Dictionary<string, string?> { ["Region"] = "eu-west-1" }).Client;

        var e = await Should.ThrowAsync<PartnerCentralException>(() => client.ListSolutionsAsync(Cancel));

        e.ErrorType.ShouldBe("InvalidSignatureException");
        e.Reason.ShouldContain("region");
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused()
    {
        var signer = _host.CreateClient().Services.GetRequiredService<PartnerCentralRequestSigner>();
        using var request = await signer.CreateSignedRequestAsync("ListSolutions", "{\"Catalog\":\"AWS\"}"u8.ToArray(), Cancel);
        request.Content = new StringContent("{\"Catalog\":\"Sandbox\"}", Encoding.UTF8);
        request.Content.Headers.ContentType = new("application/x-amz-json-1.0");
        using var http = new HttpClient();

        using var response = await http.SendAsync(request, Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ErrorTypeAsync(response)).ShouldBe("com.amazon.coral.service#InvalidSignatureException");
    }

    [Fact]
    public async Task An_unsigned_request_is_refused_with_a_missing_authentication_token()
    {
        using var http = new HttpClient();
        using var request = JsonRequest("ListSolutions", "{\"Catalog\":\"AWS\"}");

        using var response = await http.SendAsync(request, Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ErrorTypeAsync(response)).ShouldBe("com.amazon.coral.service#MissingAuthenticationTokenException");
        response.Headers.GetValues("x-amzn-ErrorType").Single().ShouldStartWith("MissingAuthenticationTokenException:");
        _host.Emulator.Requests.Single().ErrorType.ShouldBe("MissingAuthenticationTokenException");
    }

    [Theory]
    [InlineData("AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abc", "Authorization header requires 'Credential' parameter.")]
    [InlineData("Basic dXNlcjpwYXNz", "Authorization header requires the AWS4-HMAC-SHA256 algorithm")]
    public async Task A_malformed_authorization_header_is_refused_as_an_incomplete_signature(string authorization, string message)
    {
        using var http = new HttpClient();
        using var request = JsonRequest("ListSolutions", "{\"Catalog\":\"AWS\"}");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await http.SendAsync(request, Cancel);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!;

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        ((string?)body["__type"]).ShouldBe("com.amazon.coral.service#IncompleteSignatureException");
        ((string?)body["message"])!.ShouldStartWith(message);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_transient()
    {
        var client = _host.CreateClient(new Dictionary<string, string?> { ["ServiceUrl"] = $"http://127.0.0.1:{FreePort.Next()}/" }).Client;

        var e = await Should.ThrowAsync<PartnerCentralException>(() => client.ListSolutionsAsync(Cancel));

        e.ErrorType.ShouldBe(PartnerCentralErrors.ConnectionFailure);
        e.Kind.ShouldBe(PartnerCentralErrorKind.Transient);
        e.InnerException.ShouldBeOfType<HttpRequestException>();
    }

    [Fact]
    public async Task A_request_that_outlives_the_timeout_is_transient()
    {
        // Accepts connections and never answers.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var client = _host.CreateClient(new Dictionary<string, string?> { ["ServiceUrl"] = $"http://127.0.0.1:{port}/", ["RequestTimeout"] = "00:00:01" }).Client;

        var e = await Should.ThrowAsync<PartnerCentralException>(() => client.ListSolutionsAsync(Cancel));

        e.ErrorType.ShouldBe(PartnerCentralErrors.Timeout);
        e.Kind.ShouldBe(PartnerCentralErrorKind.Transient);
    }

    [Fact]
    public async Task A_call_the_caller_cancels_ends_in_cancellation_not_in_a_Partner_Central_error()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var client = _host.CreateClient(new Dictionary<string, string?> { ["ServiceUrl"] = $"http://127.0.0.1:{port}/" }).Client;
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(200));

        await Should.ThrowAsync<OperationCanceledException>(() => client.ListSolutionsAsync(cancellation.Token));
    }

    HttpRequestMessage JsonRequest(string operation, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _host.ServiceUrl) { Content = new StringContent(body) };
        request.Content.Headers.ContentType = new("application/x-amz-json-1.0");
        request.Headers.Add("X-Amz-Target", $"AWSPartnerCentralSelling.{operation}");
        return request;
    }

    static async Task<string?> ErrorTypeAsync(HttpResponseMessage response) =>
        (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["__type"];
}
