using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Switchyard.Emulators.PartnerCentral;
using Switchyard.PartnerCentral.Model;
using Switchyard.Processor.PartnerCentral;
using Switchyard.Processor.Tests.PartnerCentral;
using Switchyard.Testing;

namespace Switchyard.Processor.Tests.CoSellEmulators;

/// <summary>
/// The Partner Central emulator on loopback, driven as AWS's API is: raw AWS JSON 1.0 bodies, SigV4-signed by the
/// processor's signer. Every request a test means to be valid is checked against AWS's model before it is sent, and
/// every answer against the operation's output shape; the control surface (AWS's side) is plain JSON over HTTP.
/// </summary>
public sealed class CoSellApi : IAsyncDisposable
{
    const string AccessKeyId = "AKIACOSELLEMULATOR01";
    const string SecretAccessKey = "CoSell/Emulator+Secret/NeverLogged00000001";

    readonly ClientHost _client;
    readonly HttpClient _http = new();

    CoSellApi(PartnerCentralEmulatorServer server, ClientHost client, string solutionId)
    {
        Server = server;
        _client = client;
        SolutionId = solutionId;
    }

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>AWS's model, which requests and answers are checked against.</summary>
    public static ServiceModel Model => ServiceModel.PartnerCentralSelling;

    /// <summary>The emulator on its listener.</summary>
    public PartnerCentralEmulatorServer Server { get; }

    /// <summary>The emulator's state and hooks.</summary>
    public PartnerCentralEmulator Emulator => Server.Emulator;

    /// <summary>A solution of the AWS catalog.</summary>
    public string SolutionId { get; }

    /// <summary>Starts an emulator accepting this API's key, with one solution in the AWS catalog.</summary>
    public static async Task<CoSellApi> StartAsync(Action<PartnerCentralEmulatorOptions>? configure = null, TimeProvider? clock = null,
        IReadOnlyDictionary<string, string?>? busSettings = null)
    {
        var server = await PartnerCentralEmulatorServer.StartAsync(options =>
        {
            options.Credentials.Add(new PartnerCentralEmulatorCredential { AccessKeyId = AccessKeyId, SecretAccessKey = SecretAccessKey });
            // These tests play AWS's co-selling call by call, faster than AWS's one write a second; the quotas have their
            // own tests (PartnerCentralEmulatorQuotaTests), and a test here may turn them back on.
            options.Quotas.Enabled = false;
            configure?.Invoke(options);
        }, clock: clock, busSettings: busSettings, cancellationToken: Cancel);
        var client = ClientHost.Create(new Dictionary<string, string?>
        {
            ["ServiceUrl"] = server.ServiceUrl.ToString(),
            ["AccessKeyId"] = AccessKeyId,
            ["SecretAccessKey"] = SecretAccessKey,
        }, clock);
        return new CoSellApi(server, client, server.Emulator.SeedSolution("AWS", "Co-sell test solution"));
    }

    /// <summary>Sends a request that must be valid against the model and succeed; returns the answer, checked against the output shape.</summary>
    public async Task<JsonObject> CallAsync(string operation, JsonObject request)
    {
        Model.Check(operation, request).ShouldBeEmpty($"the test's {operation} request must be valid against AWS's model");
        var (status, body) = await SendAsync(operation, request.ToJsonString());
        status.ShouldBe(200, $"{operation} answered {body.ToJsonString()}");
        if (Model.Operation(operation).Output is { } output)
            ServiceModel.Validate(output, body).ShouldBeEmpty($"the {operation} answer must have the model's output shape: {body.ToJsonString()}");
        return body;
    }

    /// <summary>
    /// Sends a request valid against the model that AWS refuses for the state it meets; returns the error body after
    /// checking its type.
    /// </summary>
    public async Task<JsonObject> RefusedAsync(string operation, JsonObject request, string errorType)
    {
        Model.Check(operation, request).ShouldBeEmpty($"the test's {operation} request must be valid against AWS's model");
        var (_, body) = await SendAsync(operation, request.ToJsonString());
        ((string?)body["__type"]).ShouldBe($"com.amazonaws.partnercentralselling#{errorType}", body.ToJsonString());
        return body;
    }

    /// <summary>Sends any body, valid or not, and returns the status and answer.</summary>
    public async Task<(int Status, JsonObject Body)> SendAsync(string operation, string body)
    {
        var signer = _client.Services.GetRequiredService<PartnerCentralRequestSigner>();
        using var request = await signer.CreateSignedRequestAsync(operation, Encoding.UTF8.GetBytes(body), Cancel);
        using var response = await _http.SendAsync(request, Cancel);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!.AsObject());
    }

    /// <summary>A CreateOpportunity body AWS would accept for review: qualified, with customer, project and sales activities.</summary>
    public static JsonObject Submittable(string clientToken, string companyName = "Example Corp") => new()
    {
        ["Catalog"] = "AWS",
        ["ClientToken"] = clientToken,
        ["Origin"] = "Partner Referral",
        ["OpportunityType"] = "Net New Business",
        ["PartnerOpportunityIdentifier"] = clientToken,
        ["PrimaryNeedsFromAws"] = new JsonArray("Co-Sell - Technical Consultation"),
        ["Customer"] = new JsonObject
        {
            ["Account"] = new JsonObject
            {
                ["CompanyName"] = companyName,
                ["Industry"] = "Software and Internet",
                ["WebsiteUrl"] = "https://example.com",
                ["Address"] = new JsonObject { ["CountryCode"] = "US", ["PostalCode"] = "98101", ["City"] = "Seattle", ["StateOrRegion"] = "Washington" },
            },
        },
        ["LifeCycle"] = new JsonObject { ["Stage"] = "Qualified", ["TargetCloseDate"] = "2030-06-30" },
        ["Project"] = new JsonObject
        {
            ["Title"] = $"{companyName} data platform",
            ["CustomerBusinessProblem"] = $"{companyName} needs to consolidate its analytics onto one platform.",
            ["CustomerUseCase"] = "Database",
            ["DeliveryModels"] = new JsonArray("SaaS or PaaS"),
            ["ExpectedCustomerSpend"] = new JsonArray(new JsonObject { ["Amount"] = "1200.00", ["CurrencyCode"] = "USD", ["Frequency"] = "Monthly", ["TargetCompany"] = "AWS" }),
            ["SalesActivities"] = new JsonArray("Initialized discussions with customer"),
        },
    };

    /// <summary>Creates an opportunity from <paramref name="request"/> (default: <see cref="Submittable"/>) and, unless told not to, associates the solution.</summary>
    public async Task<string> CreateAsync(JsonObject? request = null, bool associate = true)
    {
        var created = await CallAsync("CreateOpportunity", request ?? Submittable($"token-{Guid.NewGuid():N}"));
        var id = (string)created["Id"]!;
        if (associate)
        {
            await CallAsync("AssociateOpportunity", new JsonObject
            {
                ["Catalog"] = "AWS",
                ["OpportunityIdentifier"] = id,
                ["RelatedEntityType"] = "Solutions",
                ["RelatedEntityIdentifier"] = SolutionId,
            });
        }

        return id;
    }

    /// <summary>GetOpportunity.</summary>
    public Task<JsonObject> GetAsync(string opportunityId) =>
        CallAsync("GetOpportunity", new JsonObject { ["Catalog"] = "AWS", ["Identifier"] = opportunityId });

    /// <summary>StartEngagementFromOpportunityTask for Co-Sell.</summary>
    public Task<JsonObject> SubmitAsync(string opportunityId, string? clientToken = null, string involvement = "Co-Sell") =>
        CallAsync("StartEngagementFromOpportunityTask", new JsonObject
        {
            ["Catalog"] = "AWS",
            ["ClientToken"] = clientToken ?? $"submit-{opportunityId}",
            ["Identifier"] = opportunityId,
            ["AwsSubmission"] = new JsonObject { ["InvolvementType"] = involvement, ["Visibility"] = "Full" },
        });

    /// <summary>Lists tasks of one kind (<paramref name="operation"/>) until the one given is no longer IN_PROGRESS, and returns it.</summary>
    public async Task<JsonObject> FinishedTaskAsync(string operation, string taskId)
    {
        JsonObject? task = null;
        await Poll.UntilAsync(async () =>
        {
            var page = await CallAsync(operation, new JsonObject { ["Catalog"] = "AWS", ["TaskIdentifier"] = new JsonArray(taskId) });
            task = page["TaskSummaries"]!.AsArray().Single()!.AsObject();
            return (string?)task["TaskStatus"] != "IN_PROGRESS";
        }, $"task {taskId} to finish", TimeSpan.FromSeconds(60));
        return task!;
    }

    /// <summary>Submits an opportunity and waits until the submission completes.</summary>
    public async Task<JsonObject> SubmittedAsync(string opportunityId)
    {
        var started = await SubmitAsync(opportunityId);
        var task = await FinishedTaskAsync("ListEngagementFromOpportunityTasks", (string)started["TaskId"]!);
        ((string?)task["TaskStatus"]).ShouldBe("COMPLETE", task.ToJsonString());
        return task;
    }

    /// <summary>POSTs to the control surface (<c>_aws/...</c>) and returns the status and the JSON answered.</summary>
    public async Task<(int Status, JsonObject Body)> ControlAsync(string path, JsonNode? body = null)
    {
        using var content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(Server.ControlUrl, path), content, Cancel);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        return ((int)response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>GETs from the control surface.</summary>
    public async Task<JsonObject> ControlGetAsync(string path) =>
        (await _http.GetFromJsonAsync<JsonObject>(new Uri(Server.ControlUrl, path), Cancel))!;

    /// <summary>The events produced of one detail-type, in order.</summary>
    public IReadOnlyList<SellingApiEvent> EventsOf(string detailType) => Emulator.Events.Where(e => e.DetailType == detailType).ToList();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        _client.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>A clock that stands still until the test moves it; timers still fire in real time.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    DateTimeOffset _now = start;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves the clock on.</summary>
    public void Advance(TimeSpan by) => _now += by;
}
