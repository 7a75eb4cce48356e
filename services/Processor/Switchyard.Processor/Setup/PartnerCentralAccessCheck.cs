using Microsoft.Extensions.Options;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Setup;

/// <summary>One check of <see cref="PartnerCentralAccessCheck"/>.</summary>
/// <param name="Operation">The Partner Central operation called, e.g. <c>ListSolutions</c>.</param>
/// <param name="Passed">Whether it answered as Switchyard needs.</param>
/// <param name="Detail">What it answered, or AWS's error and what to do about it.</param>
public sealed record AccessCheckResult(string Operation, bool Passed, string Detail);

/// <summary>
/// Tells an operator, before the first deal is synced, whether the configured credentials reach Partner Central in the
/// configured catalog and may read what the processor reads: the solutions (and that the configured ones exist and are
/// active, since every opportunity is associated with one), changed opportunities (polling) and received invitations
/// (referrals). Only reads are called: a write would create or change a record in the partner's account, so the
/// write permissions are listed, not tried. The calls go through the processor's own client, so the signing, the
/// credential chain and the endpoint are exactly the service's.
/// </summary>
public sealed class PartnerCentralAccessCheck(IPartnerCentralClient client, IOptions<PartnerCentralOptions> options, TimeProvider clock)
{
    /// <summary>
    /// The write actions the processor's IAM policy must allow besides the reads checked (AWS's "Partner Central
    /// Selling API" permissions reference names them <c>partnercentral:Operation</c>).
    /// </summary>
    public static readonly IReadOnlyList<string> WriteActions =
    [
        "CreateOpportunity", "UpdateOpportunity", "AssociateOpportunity", "StartEngagementFromOpportunityTask",
        "StartEngagementByAcceptingInvitationTask", "RejectEngagementInvitation",
    ];

    /// <summary>Runs every check; <paramref name="solutionIds"/> are the processor's <c>Processor:SolutionIds</c>.</summary>
    public async Task<IReadOnlyList<AccessCheckResult>> CheckAsync(IReadOnlyList<string> solutionIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(solutionIds);
        var catalog = options.Value.Catalog;
        var results = new List<AccessCheckResult>
        {
            await RunAsync("ListSolutions", async () =>
            {
                var solutions = await client.ListSolutionsAsync(cancellationToken);
                var active = solutions.Where(s => string.Equals(s.Status, "Active", StringComparison.OrdinalIgnoreCase)).ToList();
                var problems = solutionIds.Where(id => !active.Any(s => s.Id == id))
                    .Select(id => solutions.FirstOrDefault(s => s.Id == id) is { } found
                        ? $"{id} is {found.Status}, not Active"
                        : $"{id} (Processor:SolutionIds) is not one of the catalog's solutions")
                    .ToList();
                var found = $"{solutions.Count} solution(s) in the {catalog} catalog, {active.Count} active";
                return problems.Count == 0
                    ? (true, solutionIds.Count == 0 ? $"{found}; Processor:SolutionIds is empty: set the solution(s) opportunities are associated with" : $"{found}; {string.Join(", ", solutionIds)} active")
                    : (false, $"{found}; {string.Join("; ", problems)}");
            }),
            await RunAsync("ListOpportunities", async () =>
            {
                var page = await client.ListOpportunitiesAsync(clock.GetUtcNow() - TimeSpan.FromDays(1), null, cancellationToken);
                return (true, $"{page.Opportunities.Count}{(page.NextToken is null ? "" : "+")} opportunity(ies) changed in the last day");
            }),
            await RunAsync("ListEngagementInvitations", async () =>
            {
                var page = await client.ListReceivedInvitationsAsync(["PENDING"], null, cancellationToken);
                return (true, $"{page.Invitations.Count}{(page.NextToken is null ? "" : "+")} pending invitation(s) received");
            }),
        };
        return results;
    }

    static async Task<AccessCheckResult> RunAsync(string operation, Func<Task<(bool Passed, string Detail)>> check)
    {
        try
        {
            var (passed, detail) = await check();
            return new(operation, passed, detail);
        }
        catch (PartnerCentralException e)
        {
            var advice = e.ErrorType switch
            {
                "AccessDeniedException" => $": allow partnercentral:{operation} to the credentials' IAM identity",
                "UnrecognizedClientException" or "InvalidSignatureException" or "IncompleteSignature" => ": check PartnerCentral:AccessKeyId and SecretAccessKey",
                PartnerCentralErrors.CredentialsUnavailable => ": set PartnerCentral:AccessKeyId and SecretAccessKey, or RoleArn, or give the default chain credentials",
                PartnerCentralErrors.ConnectionFailure or PartnerCentralErrors.Timeout => ": check PartnerCentral:ServiceUrl and the network",
                _ => "",
            };
            return new(operation, false, $"{e.ErrorType}: {e.Reason}{advice}");
        }
    }
}
