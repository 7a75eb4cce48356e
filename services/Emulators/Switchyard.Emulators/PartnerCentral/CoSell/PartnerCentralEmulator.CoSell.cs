// JSON member names are the wire format, not references to the C# members that happen to share them.
#pragma warning disable CA1507

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Switchyard.PartnerCentral.Model;

namespace Switchyard.Emulators.PartnerCentral;

// Co-selling: submitting opportunities to AWS (StartEngagementFromOpportunityTask), AWS's review and its summary of
// the opportunity, AWS referrals (engagement invitations) accepted or rejected, and listing what changed. Tasks run
// asynchronously by the emulator's clock; invitations expire by it. Everything here runs under _gate, like the rest.
public sealed partial class PartnerCentralEmulator : IDisposable, IAsyncDisposable
{
    /// <summary>How AWS appears as an engagement member and as the sender of referrals (an alias the model's <c>AwsAccount</c> pattern allows).</summary>
    const string AwsAlias = "aws";

    readonly Dictionary<string, StoredTask> _tasks = new(StringComparer.Ordinal);
    readonly Dictionary<string, StoredEngagement> _engagements = new(StringComparer.Ordinal);
    readonly Dictionary<string, StoredInvitation> _invitations = new(StringComparer.Ordinal);
    readonly Dictionary<string, AwsSide> _awsSides = new(StringComparer.Ordinal);
    readonly Dictionary<(string Operation, string Catalog, string Token), UsedClientToken> _taskTokens = [];
    ITimer? _sweeper;
    long _lastCoSellNumber;
    bool _disposed;

    void StartCoSell(IEnumerable<IPartnerCentralEventSink>? sinks, ILogger? logger) => StartEvents(sinks, logger);

    /// <summary>The co-selling operation named <paramref name="operation"/>, or null when there is none.</summary>
    Func<JsonObject, JsonObject>? CoSellOperation(string operation) => operation switch
    {
        "StartEngagementFromOpportunityTask" => StartEngagementFromOpportunityTask,
        "ListEngagementFromOpportunityTasks" => ListEngagementFromOpportunityTasks,
        "GetAwsOpportunitySummary" => GetAwsOpportunitySummary,
        "ListOpportunities" => ListOpportunities,
        "ListEngagementInvitations" => ListEngagementInvitations,
        "GetEngagementInvitation" => GetEngagementInvitation,
        "StartEngagementByAcceptingInvitationTask" => StartEngagementByAcceptingInvitationTask,
        "ListEngagementByAcceptingInvitationTasks" => ListEngagementByAcceptingInvitationTasks,
        "RejectEngagementInvitation" => RejectEngagementInvitation,
        "AcceptEngagementInvitation" => AcceptEngagementInvitation,
        "ListEngagementResourceAssociations" => ListEngagementResourceAssociations,
        _ => null,
    };

    /// <summary>
    /// Completes the tasks and expires the invitations that are due by the emulator's clock. Runs before every request
    /// and on a timer while something is pending, so a test that moves its clock sees the effects at the next call.
    /// </summary>
    public void CompleteDueWork()
    {
        lock (_gate)
            SweepDue();
    }

    // Under _gate.
    void SweepDue()
    {
        var now = _clock.GetUtcNow();
        foreach (var task in _tasks.Values.Where(t => t.Status == TaskState.InProgress && t.DueAt <= now).OrderBy(t => t.DueAt).ThenBy(t => t.Number).ToList())
            CompleteTask(task);
        foreach (var invitation in _invitations.Values.Where(i => i.Received && i.Status == InvitationState.Pending && i.ExpirationDate <= now).OrderBy(i => i.ExpirationDate).ToList())
            ExpireNow(invitation);
        if (!HasPendingWork())
            StopSweeping();
    }

    bool HasPendingWork() =>
        _tasks.Values.Any(t => t.Status == TaskState.InProgress) || _invitations.Values.Any(i => i.Received && i.Status == InvitationState.Pending);

    // A timer while anything is pending; its period is short next to the task delay, so completion follows it closely.
    void EnsureSweeping()
    {
        if (_sweeper is not null || _disposed)
            return;
        var period = TimeSpan.FromMilliseconds(Math.Clamp(_options.TaskDelay.TotalMilliseconds / 4, 25, 1000));
        _sweeper = _clock.CreateTimer(_ => CompleteDueWork(), null, period, period);
    }

    void StopSweeping()
    {
        _sweeper?.Dispose();
        _sweeper = null;
    }

    /// <summary>Stops the timer and takes no more events; those queued are still delivered, without waiting for them.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            StopSweeping();
        }

        _outbox.Writer.TryComplete();
    }

    /// <summary>Stops the timer and waits a little for the events queued to be delivered.</summary>
    public async ValueTask DisposeAsync()
    {
        Dispose();
        await StopEventsAsync();
    }

    void ResetCoSell()
    {
        _tasks.Clear();
        _engagements.Clear();
        _invitations.Clear();
        _awsSides.Clear();
        _taskTokens.Clear();
        _events.Clear();
        _eventCount = 0;
        _dropNext = 0;
        StopSweeping();
    }

    // ---- Identifiers ----

    // Lower-case letters and digits of the lengths the model's patterns give (task-[0-9a-z]{13}, eng-[0-9a-z]{14},
    // engi-[0-9,a-z]{13}, job-[0-9a-z]{13}), unique within the emulator.
    string NewIdentifier(string prefix, int length)
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        var number = ++_lastCoSellNumber * 7919 + 104_729;
        var text = new StringBuilder();
        while (number > 0)
        {
            text.Insert(0, digits[(int)(number % 36)]);
            number /= 36;
        }

        return prefix + text.ToString().PadLeft(length, '0');
    }

    string CatalogArn(string catalog, string kind, string id, bool withAccount = true) =>
        $"arn:aws:partnercentral:{_options.Region}:{(withAccount ? _options.AwsAccountId : "")}:catalog/{catalog}/{kind}/{id}";

    // ---- Client tokens of the task operations ----

    // The same token with the same body answers what it answered first; with another body it is refused, as
    // CreateOpportunity's documentation words it.
    JsonObject? Replayed(string operation, JsonObject body)
    {
        var key = (operation, (string)body["Catalog"]!, (string)body["ClientToken"]!);
        if (!_taskTokens.TryGetValue(key, out var used))
            return null;
        if (JsonNode.DeepEquals(used.Request, body))
            return (JsonObject)used.Response.DeepClone();
        throw PartnerCentralErrorException.Of(PartnerCentralErrorTypes.Conflict, "Conflicting client token submitted for a new request body.");
    }

    void RememberToken(string operation, JsonObject body, JsonObject response) =>
        _taskTokens[(operation, (string)body["Catalog"]!, (string)body["ClientToken"]!)] = new UsedClientToken((JsonObject)body.DeepClone(), (JsonObject)response.DeepClone());

    // ---- Paging ----

    static int Offset(JsonObject body, string operation, string catalog) =>
        body["NextToken"] is { } token ? ParseListToken((string)token!, operation, catalog) : 0;

    static string ListToken(string operation, string catalog, int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{operation}:{catalog}:{offset.ToString(CultureInfo.InvariantCulture)}"));

    static int ParseListToken(string token, string operation, string catalog)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split(':');
            if (parts.Length == 3 && parts[0] == operation && parts[1] == catalog
                && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
                return offset;
        }
        catch (FormatException)
        {
        }

        throw PartnerCentralErrorException.Validation(
            [new ModelViolation("NextToken", ViolationKind.BusinessRule, "Member must be a NextToken this operation returned", ModelViolation.InvalidValue)],
            PartnerCentralErrorException.RequestValidationFailed);
    }

    static JsonObject Page<T>(IReadOnlyList<T> sorted, int offset, int size, string listMember, Func<T, JsonNode> item, string operation, string catalog)
    {
        var page = new JsonArray(sorted.Skip(offset).Take(size).Select(i => (JsonNode?)item(i)).ToArray());
        var response = new JsonObject { [listMember] = page };
        if (offset + size < sorted.Count)
            response["NextToken"] = ListToken(operation, catalog, offset + size);
        return response;
    }

    static IOrderedEnumerable<T> Sort<T, TKey>(IEnumerable<T> items, Func<T, TKey> key, JsonNode? sort, bool descendingByDefault)
    {
        var descending = sort?["SortOrder"] is { } order ? (string?)order == "DESCENDING" : descendingByDefault;
        return descending ? items.OrderByDescending(key) : items.OrderBy(key);
    }

    // ---- State ----

    enum TaskState
    {
        InProgress,
        Complete,
        Failed,
    }

    enum InvitationState
    {
        Pending,
        Accepted,
        Rejected,
        Expired,
    }

    static string Wire(TaskState status) => status switch
    {
        TaskState.InProgress => "IN_PROGRESS",
        TaskState.Complete => "COMPLETE",
        _ => "FAILED",
    };

    static string Wire(InvitationState status) => status switch
    {
        InvitationState.Pending => "PENDING",
        InvitationState.Accepted => "ACCEPTED",
        InvitationState.Rejected => "REJECTED",
        _ => "EXPIRED",
    };

    /// <summary>A task: StartEngagementFromOpportunityTask's or StartEngagementByAcceptingInvitationTask's.</summary>
    sealed class StoredTask(long number, string catalog, string id, string arn, bool fromOpportunity, DateTimeOffset startTime, DateTimeOffset dueAt)
    {
        public long Number { get; } = number;

        public string Catalog { get; } = catalog;

        public string Id { get; } = id;

        public string Arn { get; } = arn;

        /// <summary>From an opportunity (a submission), else by accepting an invitation.</summary>
        public bool FromOpportunity { get; } = fromOpportunity;

        public DateTimeOffset StartTime { get; } = startTime;

        public DateTimeOffset DueAt { get; } = dueAt;

        public TaskState Status { get; set; } = TaskState.InProgress;

        public string? Message { get; set; }

        public string? ReasonCode { get; set; }

        public string? OpportunityId { get; set; }

        public string? EngagementId { get; set; }

        public string? EngagementInvitationId { get; set; }

        public string? ResourceSnapshotJobId { get; set; }

        /// <summary>What a submission asked for (<c>AwsSubmission</c>).</summary>
        public JsonObject? Submission { get; init; }

        /// <summary>The members of the model's task summary, in its order.</summary>
        public JsonObject Summary(bool withEngagement)
        {
            var summary = new JsonObject
            {
                ["TaskId"] = Id,
                ["TaskArn"] = Arn,
                ["StartTime"] = Format(StartTime),
                ["TaskStatus"] = Wire(Status),
            };
            if (Message is not null)
                summary["Message"] = Message;
            if (ReasonCode is not null)
                summary["ReasonCode"] = ReasonCode;
            if (OpportunityId is not null)
                summary["OpportunityId"] = OpportunityId;
            if (ResourceSnapshotJobId is not null)
                summary["ResourceSnapshotJobId"] = ResourceSnapshotJobId;
            if (withEngagement && EngagementId is not null)
                summary["EngagementId"] = EngagementId;
            if (EngagementInvitationId is not null)
                summary["EngagementInvitationId"] = EngagementInvitationId;
            return summary;
        }
    }

    /// <summary>An engagement: what a submission or an accepted referral shares between the partner and AWS.</summary>
    sealed class StoredEngagement(string catalog, string id, string arn, string createdBy, DateTimeOffset createdAt)
    {
        public string Catalog { get; } = catalog;

        public string Id { get; } = id;

        public string Arn { get; } = arn;

        public string CreatedBy { get; } = createdBy;

        public DateTimeOffset CreatedAt { get; } = createdAt;

        public long SnapshotRevision { get; set; }
    }

    /// <summary>An engagement invitation: an AWS referral the partner received, or the one a submission sent AWS.</summary>
    sealed class StoredInvitation(string catalog, string id, string arn, string engagementId, bool received, DateTimeOffset invitationDate, DateTimeOffset expirationDate)
    {
        public string Catalog { get; } = catalog;

        public string Id { get; } = id;

        public string Arn { get; } = arn;

        public string EngagementId { get; } = engagementId;

        /// <summary>Received from AWS (a referral); else sent to AWS by a submission.</summary>
        public bool Received { get; } = received;

        public DateTimeOffset InvitationDate { get; } = invitationDate;

        public DateTimeOffset ExpirationDate { get; set; } = expirationDate;

        public string PayloadType { get; init; } = "OpportunityInvitation";

        public required string SenderAccountId { get; init; }

        public required string SenderCompanyName { get; init; }

        public required string ReceiverAccountId { get; init; }

        public InvitationState Status { get; set; } = InvitationState.Pending;

        public string? RejectionReason { get; set; }

        public string? EngagementTitle { get; init; }

        public string? EngagementDescription { get; init; }

        public string? InvitationMessage { get; init; }

        /// <summary>The <c>OpportunityInvitation</c> payload (a referral's customer and project).</summary>
        public JsonObject? Payload { get; init; }

        /// <summary>The opportunity accepting it created.</summary>
        public string? OpportunityId { get; set; }
    }

    /// <summary>AWS's side of an opportunity: its summary (seller, score, next steps), the review's engagement.</summary>
    sealed class AwsSide(string catalog, string opportunityId)
    {
        public string Catalog { get; } = catalog;

        public string OpportunityId { get; } = opportunityId;

        /// <summary>GetAwsOpportunitySummary's members AWS sets (Origin, InvolvementType, LifeCycle, OpportunityTeam, Insights, ...).</summary>
        public JsonObject Summary { get; set; } = [];

        public string? EngagementId { get; set; }

        /// <summary>The invitation the submission sent AWS, which AWS's review accepts or rejects.</summary>
        public string? SubmissionInvitationId { get; set; }
    }
}
