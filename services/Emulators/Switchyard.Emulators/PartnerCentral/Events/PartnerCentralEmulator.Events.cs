// JSON member names are the wire format, not references to the C# members that happen to share them.
#pragma warning disable CA1507

using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Switchyard.PartnerCentral.Model;

namespace Switchyard.Emulators.PartnerCentral;

// The EventBridge events of every change, in the shapes of "Notifications for the AWS Partner Central Selling API"
// (docs.aws.amazon.com/partner-central/latest/selling-api/selling-api-events.html, "Example events"): opportunity
// events are version "1", carry no resources and give detail.schemaVersion, detail.catalog and
// detail.opportunity.identifier; invitation and engagement events are version "0" and name their resource's ARN. The
// page's "Event scenarios" table says which events each action produces; the emulator follows it.
public sealed partial class PartnerCentralEmulator
{
    /// <summary>The <c>detail.schemaVersion</c> of opportunity events (the documentation's example shows a placeholder).</summary>
    public const string OpportunityEventSchemaVersion = "1";

    static readonly JsonSerializerOptions EventJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    readonly List<SellingApiEvent> _events = [];
    Channel<SellingApiEvent> _outbox = null!;
    IReadOnlyList<IPartnerCentralEventSink> _sinks = [];
    ILogger? _logger;
    Task _pump = Task.CompletedTask;
    long _eventCount;
    int _dropNext;

    /// <summary>
    /// Every event produced since the start (or <see cref="Reset"/>), oldest first, those dropped included and marked
    /// <see cref="SellingApiEvent.Dropped"/>.
    /// </summary>
    public IReadOnlyList<SellingApiEvent> Events
    {
        get
        {
            lock (_gate)
                return _events.ToList();
        }
    }

    /// <summary>Drops the next <paramref name="count"/> events, on top of <see cref="PartnerCentralEmulatorEventOptions.DropEveryNth"/>.</summary>
    public void DropNextEvents(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_gate)
            _dropNext += count;
    }

    void StartEvents(IEnumerable<IPartnerCentralEventSink>? sinks, ILogger? logger)
    {
        _sinks = sinks?.ToList() ?? [];
        _logger = logger;
        _outbox = Channel.CreateUnbounded<SellingApiEvent>(new UnboundedChannelOptions { SingleReader = true });
        _pump = Task.Run(PumpAsync);
    }

    // One reader, so each sink receives the events in the order they happened.
    async Task PumpAsync()
    {
        await foreach (var selling in _outbox.Reader.ReadAllAsync())
        {
            foreach (var sink in _sinks)
            {
                try
                {
                    await sink.SendAsync(selling, CancellationToken.None);
                }
#pragma warning disable CA1031 // EventBridge delivers on a best-effort basis: a sink's failure loses this event only.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    _logger?.LogWarning("The Partner Central emulator could not deliver event {EventId} ({DetailType}) to {Sink}: {Reason}",
                        selling.Id, selling.DetailType, sink.GetType().Name, e.Message);
                }
            }
        }
    }

    // A sink that hangs (a bus already stopped) must not hold the host's shutdown.
    async Task StopEventsAsync()
    {
        _outbox.Writer.TryComplete();
        try
        {
            await _pump.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            _logger?.LogWarning("The Partner Central emulator stopped before delivering every event.");
        }
    }

    // Under _gate.
    void Emit(string detailType, string version, JsonArray? resources, JsonObject detail)
    {
        var id = Guid.NewGuid();
        var time = Truncate(_clock.GetUtcNow());
        var envelope = new JsonObject
        {
            ["version"] = version,
            ["id"] = id.ToString(),
            ["source"] = SellingApiEvents.Source,
            ["detail-type"] = detailType,
            ["time"] = EventTime(time),
            ["region"] = SellingApiEvents.Region,
            ["account"] = _options.AwsAccountId,
        };
        if (resources is not null)
            envelope["resources"] = resources;
        envelope["detail"] = detail;

        _eventCount++;
        var dropped = _dropNext > 0 || (_options.Events.DropEveryNth > 0 && _eventCount % _options.Events.DropEveryNth == 0);
        if (_dropNext > 0)
            _dropNext--;

        var selling = new SellingApiEvent(id, detailType, time, envelope.ToJsonString(EventJson)) { Dropped = dropped };
        _events.Add(selling);
        if (!dropped)
            _outbox.Writer.TryWrite(selling);
    }

    void EmitOpportunity(string detailType, string catalog, string opportunityId) =>
        Emit(detailType, "1", null, new JsonObject
        {
            ["schemaVersion"] = OpportunityEventSchemaVersion,
            ["catalog"] = catalog,
            ["opportunity"] = new JsonObject { ["identifier"] = opportunityId },
        });

    void EmitInvitation(string detailType, StoredInvitation invitation)
    {
        var body = new JsonObject
        {
            ["arn"] = invitation.Arn,
            ["id"] = invitation.Id,
            ["engagementId"] = invitation.EngagementId,
            ["senderAccountId"] = invitation.SenderAccountId,
            ["receiverAccountId"] = invitation.ReceiverAccountId,
        };
        // The documentation's Created example alone carries the sender's name and the expiry.
        if (detailType == SellingApiEvents.EngagementInvitationCreated)
        {
            body["senderCompanyName"] = invitation.SenderCompanyName;
            body["expirationDate"] = EventTime(invitation.ExpirationDate);
        }

        body["participantType"] = invitation.Received ? SellingApiEvents.Receiver : SellingApiEvents.Sender;
        body["payloadType"] = invitation.PayloadType;
        Emit(detailType, "0", [invitation.Arn], new JsonObject { ["catalog"] = invitation.Catalog, ["engagementInvitation"] = body });
    }

    void EmitEngagementCreated(StoredEngagement engagement) =>
        Emit(SellingApiEvents.EngagementCreated, "0", [engagement.Arn], new JsonObject
        {
            ["catalog"] = engagement.Catalog,
            ["engagement"] = new JsonObject
            {
                ["engagementArn"] = engagement.Arn,
                ["engagementId"] = engagement.Id,
                ["CreatedAt"] = EventTime(engagement.CreatedAt),
                ["CreatedBy"] = engagement.CreatedBy,
                ["ContextTypes"] = new JsonArray("CustomerProject"),
            },
        });

    void EmitMemberAdded(StoredEngagement engagement, string accountId, string companyName) =>
        Emit(SellingApiEvents.EngagementMemberAdded, "0", [engagement.Arn], new JsonObject
        {
            ["catalog"] = engagement.Catalog,
            ["engagement"] = new JsonObject { ["id"] = engagement.Id },
            ["engagementMember"] = new JsonObject { ["accountId"] = accountId, ["companyName"] = companyName },
        });

    void EmitSnapshotCreated(StoredEngagement engagement, string opportunityId)
    {
        const string template = "OpportunitySummaryView";
        var revision = ++engagement.SnapshotRevision;
        Emit(SellingApiEvents.EngagementResourceSnapshotCreated, "0", [engagement.Arn], new JsonObject
        {
            ["catalog"] = engagement.Catalog,
            ["resourceSnapshot"] = new JsonObject
            {
                ["arn"] = $"arn:aws:partnercentral-selling:{_options.Region}::catalog/{engagement.Catalog}/engagement/{engagement.Id}/resource/Opportunity/{opportunityId}/template/{template}/snapshot/{revision.ToString(CultureInfo.InvariantCulture)}",
                ["engagementId"] = engagement.Id,
                ["resourceType"] = "Opportunity",
                ["resourceId"] = opportunityId,
                ["createdBy"] = _options.AwsAccountId,
                ["targetMemberAccounts"] = new JsonArray(_options.AwsAccountId, AwsAlias),
                ["resourceSnapshotTemplateName"] = template,
            },
        });
    }

    /// <summary>An event's time as the documentation's examples write it: UTC to the second.</summary>
    static string EventTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
