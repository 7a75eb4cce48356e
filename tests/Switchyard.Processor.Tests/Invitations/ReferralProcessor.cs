using System.Text.Json.Nodes;
using MassTransit;
using Switchyard.Contracts.HubSpot;
using Switchyard.Contracts.PartnerCentral;
using Switchyard.PartnerCentral.Model;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.Tests.Conformance;
using Switchyard.Processor.Tests.PartnerCentral;

namespace Switchyard.Processor.Tests.Invitations;

/// <summary>
/// The processor on MassTransit's harness with the real Partner Central client against the emulator over loopback
/// (which plays AWS's referrals and checks every request against AWS's model), HubSpot in memory; and what a test does
/// to it: AWS sends a referral, Partner Central reports it, the seller decides on the deal.
/// </summary>
internal static class ReferralProcessor
{
    public const long Portal = ProcessorOnEmulator.Portal;

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static Task<ProcessorOnEmulator> StartAsync(IDictionary<string, string?>? overrides = null, TimeSpan? taskDelay = null, LogCapture? logs = null)
    {
        var settings = new Dictionary<string, string?> { ["HubSpot:PortalId"] = Portal.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
            settings[key] = value;
        return ProcessorOnEmulator.StartAsync(options => options.TaskDelay = taskDelay ?? TimeSpan.FromMilliseconds(300), settings, logs);
    }

    /// <summary>AWS sends the partner a referral (the emulator's defaults, with <paramref name="request"/> over them); its id.</summary>
    public static string Referral(this ProcessorOnEmulator processor, JsonObject? request = null) =>
        (string)processor.Emulator.CreateInvitation(request)["Id"]!;

    /// <summary>Partner Central reports the invitation, as its EventBridge event (or polling) becomes a message.</summary>
    public static Task ReportAsync(this ProcessorOnEmulator processor, string invitationId, string status = "PENDING",
        string source = PartnerCentralChangeSources.EventBridge, string? participantType = SellingApiEvents.Receiver) =>
        processor.Module.Harness.Bus.Publish(new PartnerCentralInvitationChanged
        {
            Catalog = "Sandbox",
            InvitationId = invitationId,
            Change = source == PartnerCentralChangeSources.Polling ? PartnerCentralChangeSources.Polled : SellingApiEvents.EngagementInvitationCreated,
            Source = source,
            Status = status,
            ParticipantType = participantType,
            EventId = source == PartnerCentralChangeSources.EventBridge ? Guid.NewGuid().ToString() : null,
            OccurredAt = DateTimeOffset.UtcNow,
        }, Cancel);

    /// <summary>Waits until <paramref name="count"/> reports of invitations have been consumed.</summary>
    public static Task ConsumedAsync(this ProcessorOnEmulator processor, int count) =>
        ProcessorOnEmulator.UntilAsync(() => processor.Module.Harness.Consumed.Select<PartnerCentralInvitationChanged>(Cancel).Count(), count,
            $"{count} invitation reports consumed");

    /// <summary>The referral's deal, once it exists with its status.</summary>
    public static async Task<HubSpotDeal> DealAsync(this ProcessorOnEmulator processor, string invitationId)
    {
        await ProcessorOnEmulator.UntilAsync(() => processor.Crm.Deals.Values.Count(d =>
            d.Property(DealProperties.InvitationId) == invitationId && d.Property(DealProperties.InvitationStatus) is not null), 1, $"the deal of {invitationId}");
        return processor.Crm.Deals.Values.Single(d => d.Property(DealProperties.InvitationId) == invitationId);
    }

    /// <summary>The seller sets <paramref name="property"/> on the deal in HubSpot, and HubSpot sends its webhook.</summary>
    public static async Task SetAsync(this ProcessorOnEmulator processor, long dealId, string property, string value, long eventId)
    {
        await processor.Crm.UpdateDealAsync(dealId, new Dictionary<string, string?> { [property] = value }, Cancel);
        await processor.Module.Harness.Bus.Publish(new HubSpotEventReceived
        {
            EventId = eventId,
            SubscriptionId = 2,
            PortalId = Portal,
            AppId = 3,
            OccurredAt = DateTimeOffset.UtcNow,
            SubscriptionType = HubSpotSubscriptionTypes.DealPropertyChange,
            ObjectId = dealId,
            PropertyName = property,
            PropertyValue = value,
            ChangeSource = "CRM_UI",
        }, Cancel);
    }

    /// <summary>The requests of <paramref name="operation"/> the emulator received.</summary>
    public static List<JsonObject> Requests(this ProcessorOnEmulator processor, string operation) =>
        processor.Emulator.Requests.Where(r => r.Operation == operation).Select(r => r.Json!).ToList();

    /// <summary>Every request valid against AWS's model, and answered 200.</summary>
    public static void ShouldAllBeValid(this ProcessorOnEmulator processor)
    {
        var requests = processor.Emulator.Requests;
        requests.SelectMany(r => ServiceModel.PartnerCentralSelling.Check(r.Operation!, r.Json!).Select(v => $"{r.Operation}: {v}")).ShouldBeEmpty();
        requests.Where(r => r.StatusCode != 200).Select(r => $"{r.Operation} {r.StatusCode} {r.Response?.ToJsonString()}").ShouldBeEmpty();
    }

    /// <summary>The writes Partner Central received (everything but reads).</summary>
    public static List<string> Writes(this ProcessorOnEmulator processor) =>
        processor.Emulator.Requests.Select(r => r.Operation!).Where(o => !(o.StartsWith("Get", StringComparison.Ordinal) || o.StartsWith("List", StringComparison.Ordinal))).ToList();
}
