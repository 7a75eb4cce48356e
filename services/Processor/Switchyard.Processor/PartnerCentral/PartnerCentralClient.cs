using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Switchyard.Processor.PartnerCentral;

/// <summary>
/// <see cref="IPartnerCentralClient"/> over <see cref="IPartnerCentralSellingApi"/>: the operations the processor needs
/// in its own terms, in the configured <c>Catalog</c>, which it puts in every request. One attempt per call: retries
/// are the bus's, guided by <see cref="PartnerCentralException.Kind"/>; an answer without what the operation returns
/// is a transient <see cref="PartnerCentralErrors.InvalidResponse"/>.
/// </summary>
public sealed class PartnerCentralClient(IPartnerCentralSellingApi api, IOptions<PartnerCentralOptions> options, ILogger<PartnerCentralClient> logger)
    : IPartnerCentralClient
{
    // ListSolutions allows up to 100 per page; fewer calls, fewer throttles.
    const int SolutionsPageSize = 100;
    const int MaxPages = 1000;
    // ListOpportunities and ListEngagementInvitations allow up to 100 per page (the model's PageSize).
    const int ListPageSize = 100;

    readonly string _catalog = options.Value.Catalog;

    /// <inheritdoc />
    public async Task<CreateOpportunityResult> CreateOpportunityAsync(CreateOpportunityRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        const string operation = "CreateOpportunity";
        var response = await api.CreateOpportunityAsync(request with { Catalog = _catalog }, cancellationToken);
        return new CreateOpportunityResult(Required(response?.Id, "Id", operation), response!.PartnerOpportunityIdentifier, AsText(response.LastModifiedDate));
    }

    /// <inheritdoc />
    public async Task<OpportunityDocument> GetOpportunityAsync(string opportunityId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opportunityId);
        var opportunity = await api.GetOpportunityAsync(new GetOpportunityRequest(_catalog, opportunityId), cancellationToken);
        Required(opportunity?["Id"] is JsonValue id && id.TryGetValue(out string? text) ? text : null, "Id", "GetOpportunity");
        return new OpportunityDocument(opportunity!);
    }

    /// <inheritdoc />
    public async Task<UpdateOpportunityResult> UpdateOpportunityAsync(JsonObject request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // A copy: the caller's document (often GetOpportunity's) stays as it was.
        var payload = (JsonObject)request.DeepClone();
        payload["Catalog"] = _catalog;
        RemoveNulls(payload);
        var response = await api.UpdateOpportunityAsync(payload, cancellationToken);
        return new UpdateOpportunityResult(Required(response?.Id, "Id", "UpdateOpportunity"), AsText(response!.LastModifiedDate));
    }

    /// <inheritdoc />
    public Task AssociateOpportunityAsync(string opportunityId, string relatedEntityType, string relatedEntityIdentifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opportunityId);
        ArgumentException.ThrowIfNullOrWhiteSpace(relatedEntityType);
        ArgumentException.ThrowIfNullOrWhiteSpace(relatedEntityIdentifier);
        return api.AssociateOpportunityAsync(new AssociateOpportunityRequest(_catalog, opportunityId, relatedEntityType, relatedEntityIdentifier), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SolutionSummary>> ListSolutionsAsync(CancellationToken cancellationToken)
    {
        const string operation = "ListSolutions";
        var solutions = new List<SolutionSummary>();
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        string? nextToken = null;
        for (var page = 0; page < MaxPages; page++)
        {
            var response = await api.ListSolutionsAsync(new ListSolutionsRequest(_catalog, SolutionsPageSize, nextToken), cancellationToken);
            foreach (var summary in response?.SolutionSummaries ?? [])
                solutions.Add(new SolutionSummary(Required(summary?.Id, "Id", operation), summary!.Name, summary.Status, summary.Category));

            nextToken = response?.NextToken;
            if (string.IsNullOrEmpty(nextToken))
                return solutions;
            if (!tokens.Add(nextToken))
                throw new PartnerCentralException(PartnerCentralErrors.InvalidResponse, "ListSolutions returned a NextToken it had returned before.", PartnerCentralErrorKind.Permanent);
        }

        throw new PartnerCentralException(PartnerCentralErrors.InvalidResponse, $"ListSolutions returned more than {MaxPages} pages.", PartnerCentralErrorKind.Permanent);
    }

    /// <inheritdoc />
    public async Task<JsonObject?> GetAwsOpportunitySummaryAsync(string opportunityId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(opportunityId);
        try
        {
            return await api.GetAwsOpportunitySummaryAsync(new GetAwsOpportunitySummaryRequest(_catalog, opportunityId), cancellationToken);
        }
        catch (PartnerCentralException e) when (e.ErrorType == "ResourceNotFoundException")
        {
            // The opportunity exists (it was just read) but AWS has no opportunity of its own for it yet.
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<ChangedOpportunityPage> ListOpportunitiesAsync(DateTimeOffset modifiedSince, string? nextToken, CancellationToken cancellationToken)
    {
        const string operation = "ListOpportunities";
        var response = await api.ListOpportunitiesAsync(new ListOpportunitiesRequest(_catalog, ListPageSize, nextToken,
            new LastModifiedDateFilter(IsoTimes.Format(modifiedSince)), new OpportunitySort("ASCENDING", "LastModifiedDate")), cancellationToken);
        var opportunities = (response?.OpportunitySummaries ?? []).OfType<OpportunitySummaryDto>()
            .Select(o => new ChangedOpportunity(Required(o.Id, "Id", operation), o.PartnerOpportunityIdentifier,
                IsoTimes.Parse(o.LastModifiedDate) ?? throw PartnerCentralErrorHandler.InvalidResponse(logger, operation, "listed an opportunity without LastModifiedDate.")))
            .ToList();
        return new ChangedOpportunityPage(opportunities, NextTokenAfter(nextToken, response?.NextToken, operation));
    }

    /// <inheritdoc />
    public async Task<ReceivedInvitationPage> ListReceivedInvitationsAsync(IReadOnlyList<string> statuses, string? nextToken, CancellationToken cancellationToken)
    {
        const string operation = "ListEngagementInvitations";
        var response = await api.ListEngagementInvitationsAsync(new ListEngagementInvitationsRequest(_catalog, "RECEIVER", ListPageSize, nextToken,
            statuses.Count > 0 ? statuses : null, new InvitationSort("DESCENDING", "InvitationDate")), cancellationToken);
        var invitations = (response?.EngagementInvitationSummaries ?? []).OfType<EngagementInvitationSummaryDto>()
            .Select(i => new ReceivedInvitation(Required(i.Id, "Id", operation), i.Status, IsoTimes.Parse(i.InvitationDate), IsoTimes.Parse(i.ExpirationDate)))
            .ToList();
        return new ReceivedInvitationPage(invitations, NextTokenAfter(nextToken, response?.NextToken, operation));
    }

    /// <inheritdoc />
    public async Task<EngagementInvitationDocument?> GetEngagementInvitationAsync(string invitationId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(invitationId);
        try
        {
            var document = await api.GetEngagementInvitationAsync(new GetEngagementInvitationRequest(_catalog, invitationId), cancellationToken);
            Required(document?.Id, "Id", "GetEngagementInvitation");
            return document;
        }
        catch (PartnerCentralException e) when (e.ErrorType == "ResourceNotFoundException")
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<EngagementTaskSummary?> GetAcceptanceTaskAsync(string taskId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(taskId);
        var list = await api.ListEngagementByAcceptingInvitationTasksAsync(new ListEngagementByAcceptingInvitationTasksRequest(_catalog, TaskIdentifier: [taskId]),
            cancellationToken);
        return list?.TaskSummaries?.FirstOrDefault(t => t.TaskId == taskId);
    }

    /// <inheritdoc />
    public async Task<string?> FindAcceptedOpportunityAsync(string invitationId, string? engagementId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(invitationId);
        var tasks = await api.ListEngagementByAcceptingInvitationTasksAsync(new ListEngagementByAcceptingInvitationTasksRequest(_catalog,
            EngagementInvitationIdentifier: [invitationId], TaskStatus: [EngagementTasks.Complete]), cancellationToken);
        if (tasks?.TaskSummaries?.FirstOrDefault(t => !string.IsNullOrEmpty(t.OpportunityId))?.OpportunityId is { } fromTask)
            return fromTask;
        if (string.IsNullOrEmpty(engagementId))
            return null;
        var resources = await api.ListEngagementResourceAssociationsAsync(new ListEngagementResourceAssociationsRequest(_catalog, engagementId), cancellationToken);
        return resources?.EngagementResourceAssociationSummaries?.FirstOrDefault(r => r?.ResourceType == "Opportunity" && !string.IsNullOrEmpty(r.ResourceId))?.ResourceId;
    }

    // A token that does not move would page forever.
    static string? NextTokenAfter(string? previous, string? next, string operation) =>
        string.IsNullOrEmpty(next) ? null
        : next == previous ? throw new PartnerCentralException(PartnerCentralErrors.InvalidResponse, $"{operation} returned the NextToken it was given.", PartnerCentralErrorKind.Permanent)
        : next;


    string Required(string? value, string name, string operation) =>
        !string.IsNullOrEmpty(value) ? value : throw PartnerCentralErrorHandler.InvalidResponse(logger, operation, $"answered without {name}.");

    // Timestamps are kept as sent, so the update echoes exactly what was read.
    static string? AsText(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text) ? text : node?.ToJsonString();

    static void RemoveNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Where(p => p.Value is null).Select(p => p.Key).ToList())
                    obj.Remove(name);
                foreach (var (_, value) in obj)
                    RemoveNulls(value);
                break;
            case JsonArray array:
                foreach (var item in array)
                    RemoveNulls(item);
                break;
        }
    }
}
