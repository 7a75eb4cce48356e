using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Tests.Consumers;

/// <summary>
/// An in-memory Partner Central for consumer tests, with the semantics the consumers rely on: client-token
/// idempotency, updates that replace the record and need the current LastModifiedDate, injectable failures.
/// </summary>
public sealed class FakePartnerCentral : IPartnerCentralClient
{
    static readonly JsonSerializerOptions Wire = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    readonly ConcurrentDictionary<string, string> _byClientToken = new();
    int _next = 1000000;
    int _version;

    public ConcurrentDictionary<string, JsonObject> Opportunities { get; } = new();

    public ConcurrentQueue<JsonObject> Updates { get; } = new();

    public ConcurrentQueue<(string OpportunityId, string Type, string Id)> Associations { get; } = new();

    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Thrown by the next calls of the named operation, once each.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<PartnerCentralException>> Failures { get; } = new();

    /// <summary>Runs before an UpdateOpportunity is applied: lets a test change the record underneath.</summary>
    public Action<string>? BeforeUpdate { get; set; }

    public void FailNext(string operation, PartnerCentralException error) =>
        Failures.GetOrAdd(operation, _ => new ConcurrentQueue<PartnerCentralException>()).Enqueue(error);

    public string Seed(JsonObject opportunity)
    {
        var id = $"O{Interlocked.Increment(ref _next)}";
        opportunity["Id"] = id;
        opportunity["LastModifiedDate"] = NextDate();
        Opportunities[id] = opportunity;
        return id;
    }

    public void Touch(string id) => Opportunities[id]["LastModifiedDate"] = NextDate();

    public Task<CreateOpportunityResult> CreateOpportunityAsync(CreateOpportunityRequest request, CancellationToken cancellationToken)
    {
        Throw("CreateOpportunity");
        var id = _byClientToken.GetOrAdd(request.ClientToken, _ =>
        {
            var record = JsonSerializer.SerializeToNode(request, Wire)!.AsObject();
            record.Remove("ClientToken");
            record["LifeCycle"] ??= new JsonObject();
            record["LifeCycle"]!["ReviewStatus"] = "Pending Submission";
            return Seed(record);
        });
        return Task.FromResult(new CreateOpportunityResult(id, request.PartnerOpportunityIdentifier, (string?)Opportunities[id]["LastModifiedDate"]));
    }

    public Task<OpportunityDocument> GetOpportunityAsync(string opportunityId, CancellationToken cancellationToken)
    {
        Throw("GetOpportunity");
        return Task.FromResult(new OpportunityDocument(Opportunities[opportunityId].DeepClone().AsObject()));
    }

    public Task<UpdateOpportunityResult> UpdateOpportunityAsync(JsonObject request, CancellationToken cancellationToken)
    {
        Throw("UpdateOpportunity");
        var id = (string)request["Identifier"]!;
        BeforeUpdate?.Invoke(id);
        var stored = Opportunities[id];
        if ((string?)request["LastModifiedDate"] != (string?)stored["LastModifiedDate"])
            throw new PartnerCentralException("ConflictException", "The opportunity was modified since it was read.", PartnerCentralErrorKind.Conflict);

        Updates.Enqueue(request.DeepClone().AsObject());
        var replaced = request.DeepClone().AsObject();
        replaced.Remove("Identifier");
        replaced["Id"] = id;
        replaced["LifeCycle"] ??= new JsonObject();
        replaced["LifeCycle"]!["ReviewStatus"] = (string?)stored["LifeCycle"]?["ReviewStatus"];
        replaced["LastModifiedDate"] = NextDate();
        Opportunities[id] = replaced;
        return Task.FromResult(new UpdateOpportunityResult(id, (string?)replaced["LastModifiedDate"]));
    }

    public Task AssociateOpportunityAsync(string opportunityId, string relatedEntityType, string relatedEntityIdentifier, CancellationToken cancellationToken)
    {
        Throw("AssociateOpportunity");
        Associations.Enqueue((opportunityId, relatedEntityType, relatedEntityIdentifier));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SolutionSummary>> ListSolutionsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SolutionSummary>>([new SolutionSummary("S-0000001", "Migration", "Active", "Software Product")]);

    void Throw(string operation)
    {
        Calls.Enqueue(operation);
        if (Failures.TryGetValue(operation, out var queue) && queue.TryDequeue(out var error))
            throw error;
    }

    string NextDate() => DateTimeOffset.UnixEpoch.AddYears(56).AddSeconds(Interlocked.Increment(ref _version))
        .ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    /// <summary>AWS's opportunity summaries by opportunity id; none means AWS has none yet.</summary>
    public ConcurrentDictionary<string, JsonObject> AwsSummaries { get; } = new();

    public Task<JsonObject?> GetAwsOpportunitySummaryAsync(string opportunityId, CancellationToken cancellationToken)
    {
        Throw("GetAwsOpportunitySummary");
        return Task.FromResult(AwsSummaries.TryGetValue(opportunityId, out var summary) ? summary.DeepClone().AsObject() : null);
    }

    /// <summary>The page size of <see cref="ListOpportunitiesAsync"/>.</summary>
    public int ListPageSize { get; set; } = 100;

    /// <summary>The modified-since dates ListOpportunities was called with, in order.</summary>
    public ConcurrentQueue<DateTimeOffset> ListedSince { get; } = new();

    public Task<ChangedOpportunityPage> ListOpportunitiesAsync(DateTimeOffset modifiedSince, string? nextToken, CancellationToken cancellationToken)
    {
        Throw("ListOpportunities");
        if (nextToken is null)
            ListedSince.Enqueue(modifiedSince);
        var all = Opportunities.Values
            .Select(o => new ChangedOpportunity((string)o["Id"]!, (string?)o["PartnerOpportunityIdentifier"],
                DateTimeOffset.Parse((string)o["LastModifiedDate"]!, CultureInfo.InvariantCulture)))
            .Where(o => o.LastModifiedDate >= modifiedSince)
            .OrderBy(o => o.LastModifiedDate).ThenBy(o => o.Id, StringComparer.Ordinal).ToList();
        var offset = nextToken is null ? 0 : int.Parse(nextToken, CultureInfo.InvariantCulture);
        var page = all.Skip(offset).Take(ListPageSize).ToList();
        var next = offset + page.Count < all.Count ? (offset + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new ChangedOpportunityPage(page, next));
    }

    /// <summary>The received invitations ListEngagementInvitations lists.</summary>
    public ConcurrentDictionary<string, ReceivedInvitation> Invitations { get; } = new();

    public Task<ReceivedInvitationPage> ListReceivedInvitationsAsync(IReadOnlyList<string> statuses, string? nextToken, CancellationToken cancellationToken)
    {
        Throw("ListEngagementInvitations");
        return Task.FromResult(new ReceivedInvitationPage(
            Invitations.Values.Where(i => statuses.Count == 0 || statuses.Contains(i.Status ?? ""))
                .OrderByDescending(i => i.InvitationDate).ThenBy(i => i.Id, StringComparer.Ordinal).ToList(), null));
    }

    /// <summary>What GetEngagementInvitation answers, by invitation id; others are not found.</summary>
    public ConcurrentDictionary<string, EngagementInvitationDocument> InvitationDocuments { get; } = new();

    /// <summary>Acceptance tasks by id.</summary>
    public ConcurrentDictionary<string, EngagementTaskSummary> AcceptanceTasks { get; } = new();

    /// <summary>The opportunity each accepted invitation created, by invitation id.</summary>
    public ConcurrentDictionary<string, string> AcceptedOpportunities { get; } = new();

    public Task<EngagementInvitationDocument?> GetEngagementInvitationAsync(string invitationId, CancellationToken cancellationToken)
    {
        Throw("GetEngagementInvitation");
        return Task.FromResult(InvitationDocuments.GetValueOrDefault(invitationId));
    }

    public Task<EngagementTaskSummary?> GetAcceptanceTaskAsync(string taskId, CancellationToken cancellationToken)
    {
        Throw("ListEngagementByAcceptingInvitationTasks");
        return Task.FromResult(AcceptanceTasks.GetValueOrDefault(taskId));
    }

    public Task<string?> FindAcceptedOpportunityAsync(string invitationId, string? engagementId, CancellationToken cancellationToken)
    {
        Throw("ListEngagementResourceAssociations");
        return Task.FromResult(AcceptedOpportunities.GetValueOrDefault(invitationId));
    }
}
