using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Switchyard.Contracts.HubSpot;
using Switchyard.Emulators.PartnerCentral;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Tests.Consumers;
using Switchyard.Processor.Tests.PartnerCentral;
using Switchyard.Testing;

namespace Switchyard.Processor.Tests.Conformance;

/// <summary>
/// The processor's consumers on MassTransit's harness, with the real Partner Central client talking over loopback to
/// the Partner Central emulator (which checks every request against AWS's model), and HubSpot in memory.
/// </summary>
internal sealed class ProcessorOnEmulator : IAsyncDisposable
{
    public const long Portal = ProcessorUnderTest.Portal;

    ProcessorOnEmulator(PartnerCentralEmulatorHost partnerCentral, ModuleHarness module, FakeHubSpotCrm crm)
    {
        PartnerCentral = partnerCentral;
        Module = module;
        Crm = crm;
    }

    public PartnerCentralEmulatorHost PartnerCentral { get; }

    public PartnerCentralEmulator Emulator => PartnerCentral.Emulator;

    public ModuleHarness Module { get; }

    public FakeHubSpotCrm Crm { get; }

    public PublishRecorder Published => Module.Services.GetRequiredService<PublishRecorder>();

    /// <summary>
    /// Starts the emulator (as <paramref name="configure"/> adds, e.g. its quotas) and the processor on it (with
    /// <paramref name="overrides"/> over the test settings), its log, Debug lines included, in <paramref name="logs"/>
    /// when given.
    /// </summary>
    public static async Task<ProcessorOnEmulator> StartAsync(Action<PartnerCentralEmulatorOptions>? configure = null, IDictionary<string, string?>? overrides = null,
        LogCapture? logs = null)
    {
        var partnerCentral = await PartnerCentralEmulatorHost.StartAsync(configure: options =>
        {
            options.KeptRequests = 50_000;
            configure?.Invoke(options);
        });
        // The solution the processor associates: Processor:SolutionIds:0 is S-0000001 in ProcessorUnderTest's settings.
        partnerCentral.Emulator.SeedSolution("Sandbox", "Switchyard");

        var settings = ProcessorUnderTest.Settings();
        settings["PartnerCentral:ServiceUrl"] = partnerCentral.ServiceUrl.ToString();
        settings["PartnerCentral:AccessKeyId"] = PartnerCentralEmulatorHost.AccessKeyId;
        settings["PartnerCentral:SecretAccessKey"] = PartnerCentralEmulatorHost.SecretAccessKey;
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
            settings[key] = value;

        var crm = new FakeHubSpotCrm();
        var module = await ModuleHarness.StartAsync([new ProcessorModule()], settings, services =>
        {
            services.AddSingleton<IHubSpotCrmClient>(crm);
            services.AddSingleton<PublishRecorder>();
            services.AddPublishObserver(provider => provider.GetRequiredService<PublishRecorder>());
            if (logs is not null)
                services.AddLogging(logging => logging.AddProvider(logs).AddFilter<LogCapture>(null, LogLevel.Debug));
        }, ProcessorUnderTest.Inactivity);
        return new ProcessorOnEmulator(partnerCentral, module, crm);
    }

    /// <summary>Publishes a HubSpot event as the receipt would.</summary>
    public Task PublishAsync(string subscriptionType, long objectId, string? propertyName = null, string? objectTypeId = null) =>
        Module.Harness.Bus.Publish(new HubSpotEventReceived
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
        }, TestContext.Current.CancellationToken);

    /// <summary>Sends <paramref name="message"/> to <paramref name="queue"/>, waits until it is handled, and returns its fault and its id.</summary>
    public async Task<(Fault<T> Fault, Guid MessageId)> FaultOfAsync<T>(string queue, T message) where T : class
    {
        var endpoint = await Module.Harness.Bus.GetSendEndpoint(new Uri($"queue:{queue}"));
        var messageId = NewId.NextGuid();
        await endpoint.Send(message, outgoing => outgoing.MessageId = messageId, TestContext.Current.CancellationToken);
        await Module.WaitUntilHandledAsync(messageId);
        var fault = Module.Harness.Published.Select<Fault<T>>(TestContext.Current.CancellationToken)
            .Single(f => f.Context.Message.FaultedMessageId == messageId).Context.Message;
        return (fault, messageId);
    }

    /// <summary>
    /// Waits until <paramref name="count"/> returns at least <paramref name="expected"/>, failing when it stops growing
    /// for <paramref name="stall"/> (a generous minute unless given): a slow machine gets all the time it needs as long
    /// as work goes on.
    /// </summary>
    public static async Task UntilAsync(Func<int> count, int expected, string what, TimeSpan? stall = null)
    {
        var last = -1;
        var progressed = DateTime.UtcNow;
        while (true)
        {
            var now = count();
            if (now >= expected)
                return;
            if (now != last)
            {
                last = now;
                progressed = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - progressed > (stall ?? TimeSpan.FromSeconds(60)))
                throw new TimeoutException($"Waiting for {what}: {now} of {expected}, and no progress for {stall ?? TimeSpan.FromSeconds(60)}.");

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Module.DisposeAsync();
        await PartnerCentral.DisposeAsync();
    }
}
