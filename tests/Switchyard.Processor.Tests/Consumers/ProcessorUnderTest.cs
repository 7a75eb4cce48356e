using System.Text.Json.Nodes;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Contracts.HubSpot;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.PartnerCentral;
using Switchyard.Processor.Tests.PartnerCentral;
using Switchyard.Testing;

namespace Switchyard.Processor.Tests.Consumers;

/// <summary>The processor's consumers on MassTransit's harness, with in-memory HubSpot and Partner Central.</summary>
internal sealed class ProcessorUnderTest : IAsyncDisposable
{
    public const long Portal = 62515;

    ProcessorUnderTest(ModuleHarness harness, FakeHubSpotCrm crm, FakePartnerCentral partnerCentral, LogCapture logs)
    {
        Module = harness;
        Crm = crm;
        PartnerCentral = partnerCentral;
        Logs = logs;
    }

    public ModuleHarness Module { get; }

    public ITestHarness Harness => Module.Harness;

    public FakeHubSpotCrm Crm { get; }

    public FakePartnerCentral PartnerCentral { get; }

    public LogCapture Logs { get; }

    public PublishRecorder Published => Module.Services.GetRequiredService<PublishRecorder>();

    /// <summary>Settings under which the processor's options validate, with fast retries and syncs.</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
            ["HubSpot:AccessToken"] = "pat-test-token",
            ["PartnerCentral:Catalog"] = "Sandbox",
            ["PartnerCentral:AccessKeyId"] = "AKIDTESTEXAMPLE0001",
            ["PartnerCentral:SecretAccessKey"] = "test-secret",
            ["Processor:SyncsPerSecond"] = "100",
            ["Processor:SolutionIds:0"] = "S-0000001",
            ["Bus:Retry:Intervals:0"] = "00:00:00.010",
            ["Bus:Retry:Intervals:1"] = "00:00:00.010",
    };

    public static async Task<ProcessorUnderTest> StartAsync(IDictionary<string, string?>? overrides = null)
    {
        var crm = new FakeHubSpotCrm();
        var partnerCentral = new FakePartnerCentral();
        var logs = new LogCapture();
        var settings = Settings();
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
            settings[key] = value;

        var harness = await ModuleHarness.StartAsync([new ProcessorModule()], settings, services =>
        {
            services.AddSingleton<IHubSpotCrmClient>(crm);
            services.AddSingleton<IPartnerCentralClient>(partnerCentral);
            services.AddSingleton<PublishRecorder>();
            services.AddPublishObserver(provider => provider.GetRequiredService<PublishRecorder>());
            services.AddLogging(logging => logging.AddProvider(logs));
        });
        return new ProcessorUnderTest(harness, crm, partnerCentral, logs);
    }

    /// <summary>Publishes a HubSpot event as the receipt would, with a fixed message id per (type, object, property).</summary>
    public Task PublishAsync(string subscriptionType, long objectId, string? propertyName = null, string? objectTypeId = null, Guid? messageId = null) =>
        Harness.Bus.Publish(new HubSpotEventReceived
        {
            EventId = 1,
            SubscriptionId = 2,
            PortalId = Portal,
            AppId = 3,
            OccurredAt = DateTimeOffset.UtcNow,
            SubscriptionType = subscriptionType,
            ObjectId = objectId,
            PropertyName = propertyName,
            ObjectTypeId = objectTypeId,
        }, context => context.MessageId = messageId ?? Guid.NewGuid(), TestContext.Current.CancellationToken);

    /// <summary>The first published <typeparamref name="T"/>, waiting for it up to a deadline.</summary>
    public async Task<T> OutcomeAsync<T>() where T : class => (await Harness.PublishedAsync<T>())[0].Context.Message;

    /// <summary>A synced opportunity for <paramref name="dealId"/> in Partner Central, and the deal pointing at it.</summary>
    public string SeedSyncedDeal(long dealId, string name = "Acme cloud migration #AWS", string reviewStatus = "Pending Submission", long? companyId = null)
    {
        var opportunityId = PartnerCentral.Seed(new JsonObject
        {
            ["Catalog"] = "Sandbox",
            ["PartnerOpportunityIdentifier"] = dealId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Origin"] = "Partner Referral",
            ["OpportunityType"] = "Net New Business",
            ["Customer"] = new JsonObject { ["Account"] = new JsonObject { ["CompanyName"] = "Acme Corp", ["Industry"] = "Software and Internet" } },
            ["LifeCycle"] = new JsonObject { ["Stage"] = "Qualified", ["TargetCloseDate"] = "2030-06-30", ["ReviewStatus"] = reviewStatus },
            ["Project"] = new JsonObject
            {
                ["Title"] = Switchyard.Processor.Mapping.AwsTag.Remove(name),
                ["CustomerBusinessProblem"] = "Move the customer's data platform to AWS.",
                ["DeliveryModels"] = new JsonArray("SaaS or PaaS"),
            },
            ["SoftwareRevenue"] = new JsonObject { ["DeliveryModel"] = "Contract", ["Value"] = new JsonObject { ["Amount"] = "100", ["CurrencyCode"] = "USD" } },
        });
        Crm.AddDeal(dealId, name, opportunityId, companyId);
        return opportunityId;
    }

    public async ValueTask DisposeAsync() => await Module.DisposeAsync();
}
