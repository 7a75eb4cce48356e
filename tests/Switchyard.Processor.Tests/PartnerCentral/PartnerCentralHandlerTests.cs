using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Refit;
using Switchyard.Hosting.Bus;
using Switchyard.Processor.PartnerCentral;
using Switchyard.Processor.Tests.HubSpot;

namespace Switchyard.Processor.Tests.PartnerCentral;

/// <summary>
/// What the Refit client's handlers add to every Partner Central call: the protocol's headers, a signature over what is
/// sent, and failures with their kinds and waits, against the emulator and a stand-in for answers it does not give.
/// </summary>
public sealed class PartnerCentralHandlerTests : IAsyncLifetime
{
    PartnerCentralEmulatorHost _host = null!;
    ScriptedApi _api = null!;

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = await PartnerCentralEmulatorHost.StartAsync();
        _api = await ScriptedApi.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        await _host.DisposeAsync();
    }

    ClientHost StandIn(TimeProvider? clock = null) =>
        _host.CreateClient(new Dictionary<string, string?> { ["ServiceUrl"] = _api.BaseAddress.ToString() }, clock);

    [Fact]
    public async Task A_throttled_call_with_Retry_After_is_transient_and_asks_the_bus_to_wait_that_long()
    {
        var host = StandIn();
        _api.Answer(429, "{\"__type\":\"com.amazonaws.partnercentralselling#ThrottlingException\",\"message\":\"Rate exceeded\"}",
            ("Retry-After", "7"), ("Content-Type", "application/x-amz-json-1.0"));

        var e = await Should.ThrowAsync<PartnerCentralException>(() => host.Client.CreateOpportunityAsync(Opportunities.Valid(), Cancel));

        e.ErrorType.ShouldBe("ThrottlingException");
        e.Kind.ShouldBe(PartnerCentralErrorKind.Transient);
        e.Reason.ShouldBe("Rate exceeded");
        e.ShouldBeAssignableTo<IRetryAfter>()!.RetryAfter.ShouldBe(TimeSpan.FromSeconds(7));
        // One attempt: retries are the bus's.
        _api.Requests.Count.ShouldBe(1);
        host.Logs.Lines.ShouldContain(line => line.Contains("CreateOpportunity failed with ThrottlingException (Transient)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_gateways_Retry_After_date_becomes_the_time_left_until_it()
    {
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        var host = StandIn(new FixedClock(now));
        _api.Answer(503, "<html>Service Unavailable</html>", ("Retry-After", now.AddSeconds(30).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

        var e = await Should.ThrowAsync<PartnerCentralException>(() => host.Client.ListSolutionsAsync(Cancel));

        e.ErrorType.ShouldBe("Http503");
        e.Kind.ShouldBe(PartnerCentralErrorKind.Transient);
        e.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("ThrottlingException", PartnerCentralErrorKind.Transient)]
    [InlineData("InternalServerException", PartnerCentralErrorKind.Transient)]
    [InlineData("ValidationException", PartnerCentralErrorKind.Permanent)]
    [InlineData("AccessDeniedException", PartnerCentralErrorKind.Permanent)]
    [InlineData("ResourceNotFoundException", PartnerCentralErrorKind.Permanent)]
    [InlineData("ConflictException", PartnerCentralErrorKind.Conflict)]
    public async Task A_create_refused_with_an_error_type_fails_with_its_kind_after_one_attempt(string errorType, PartnerCentralErrorKind kind)
    {
        var host = _host.CreateClient();
        _host.Emulator.FailNext(1, errorType, operation: "CreateOpportunity");

        var e = await Should.ThrowAsync<PartnerCentralException>(() => host.Client.CreateOpportunityAsync(Opportunities.Valid(), Cancel));

        e.ErrorType.ShouldBe(errorType);
        e.Kind.ShouldBe(kind);
        e.RetryAfter.ShouldBeNull();
        _host.Emulator.Requests.ShouldHaveSingleItem().ErrorType.ShouldBe(errorType);
        _host.Emulator.Opportunities.ShouldBeEmpty();
        host.Logs.Lines.ShouldContain(line => line.Contains($"CreateOpportunity failed with {errorType} ({kind})", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_success_answer_that_is_not_JSON_is_a_transient_invalid_response()
    {
        var host = StandIn();
        _api.Answer(200, "<html>A proxy's page</html>", ("Content-Type", "text/html"));

        var e = await Should.ThrowAsync<PartnerCentralException>(() => host.Client.GetOpportunityAsync("O1234567", Cancel));

        e.ErrorType.ShouldBe(PartnerCentralErrors.InvalidResponse);
        e.Kind.ShouldBe(PartnerCentralErrorKind.Transient);
        e.Reason.ShouldBe("GetOpportunity answered with a body that is not a JSON object.");
        host.Logs.Lines.ShouldContain(line => line.Contains("GetOpportunity failed with InvalidResponse (Transient)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("")]
    [InlineData("{\"Id\":\"\"}")]
    public async Task A_create_answered_without_the_new_opportunitys_id_is_a_transient_invalid_response(string body)
    {
        var host = StandIn();
        _api.Answer(200, body);

        var e = await Should.ThrowAsync<PartnerCentralException>(() => host.Client.CreateOpportunityAsync(Opportunities.Valid(), Cancel));

        e.ErrorType.ShouldBe(PartnerCentralErrors.InvalidResponse);
        e.Kind.ShouldBe(PartnerCentralErrorKind.Transient);
        e.Reason.ShouldBe("CreateOpportunity answered without Id.");
    }

    [Fact]
    public async Task The_signature_covers_the_protocols_headers_and_exactly_the_body_sent()
    {
        var host = StandIn();
        _api.Answer(200, "{\"SolutionSummaries\":[]}");

        (await host.Client.ListSolutionsAsync(Cancel)).ShouldBeEmpty();

        var request = _api.Requests.ShouldHaveSingleItem();
        request.Method.ShouldBe("POST");
        request.Path.ShouldBe("/");
        request.Header("Content-Type").ShouldBe("application/x-amz-json-1.0");
        request.Header("X-Amz-Target").ShouldBe("AWSPartnerCentralSelling.ListSolutions");
        request.Header("Content-Length").ShouldBe(request.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Header("X-Amz-Content-Sha256").ShouldBe(Convert.ToHexStringLower(SHA256.HashData(request.Body)));
        var signedHeaders = request.Header("Authorization")!.Split("SignedHeaders=")[1].Split(',')[0].Split(';');
        signedHeaders.ShouldBeSubsetOf(["content-type", "host", "x-amz-api-version", "x-amz-content-sha256", "x-amz-date", "x-amz-target"]);
        signedHeaders.ShouldContain("content-type");
        signedHeaders.ShouldContain("x-amz-target");
        signedHeaders.ShouldContain("x-amz-date");
        var body = JsonNode.Parse(request.Body)!.AsObject();
        body.Select(p => p.Key).ShouldBe(["Catalog", "MaxResults"]);
        ((string?)body["Catalog"]).ShouldBe("AWS");
    }

    [Fact]
    public void Every_operation_of_the_interface_is_a_POST_to_the_root_naming_itself_in_X_Amz_Target()
    {
        var methods = typeof(IPartnerCentralSellingApi).GetMethods();

        methods.Select(m => m.Name).ShouldBe(
            ["CreateOpportunityAsync", "GetOpportunityAsync", "UpdateOpportunityAsync", "AssociateOpportunityAsync", "ListSolutionsAsync",
                "StartEngagementFromOpportunityTaskAsync", "ListEngagementFromOpportunityTasksAsync",
                "GetAwsOpportunitySummaryAsync", "ListOpportunitiesAsync", "ListEngagementInvitationsAsync",
                "GetEngagementInvitationAsync", "StartEngagementByAcceptingInvitationTaskAsync", "ListEngagementByAcceptingInvitationTasksAsync",
                "RejectEngagementInvitationAsync", "ListEngagementResourceAssociationsAsync"],
            ignoreOrder: true);
        foreach (var method in methods)
        {
            var operation = method.Name[..^"Async".Length];
            method.GetCustomAttribute<PostAttribute>().ShouldNotBeNull(method.Name).Path.ShouldBe("/");
            method.GetCustomAttribute<HeadersAttribute>().ShouldNotBeNull(method.Name).Headers
                .ShouldBe([$"X-Amz-Target: AWSPartnerCentralSelling.{operation}"]);
            method.GetParameters()[^1].ParameterType.ShouldBe(typeof(CancellationToken));
        }
    }

    [Fact]
    public void A_request_that_names_no_operation_is_sent_as_the_one_its_Refit_method_is_named_after()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/");
        request.Options.Set(new HttpRequestOptionsKey<string>(HttpRequestMessageOptions.MethodName), "SubmitOpportunityAsync");

        AwsJsonProtocolHandler.Prepare(request, AwsJsonProtocolHandler.OperationOf(request));

        request.Headers.GetValues("X-Amz-Target").ShouldBe(["AWSPartnerCentralSelling.SubmitOpportunity"]);
        request.Content.ShouldNotBeNull().Headers.ContentType!.ToString().ShouldBe("application/x-amz-json-1.0");
        using var unnamed = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/");
        Should.Throw<InvalidOperationException>(() => AwsJsonProtocolHandler.Prepare(unnamed, null));
    }
}
