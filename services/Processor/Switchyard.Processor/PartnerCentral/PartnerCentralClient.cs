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
