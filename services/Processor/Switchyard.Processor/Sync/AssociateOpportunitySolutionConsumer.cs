using MassTransit;
using Microsoft.Extensions.Logging;
using Switchyard.Contracts.Processing;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.PartnerCentral;
using Switchyard.Processor.Quotas;

namespace Switchyard.Processor.Sync;

/// <summary>
/// Associates an opportunity with one solution: one Partner Central write, priority work within the budget, since it
/// completes a creation. Idempotent: an association that is already there (a <c>ConflictException</c>, or a plain
/// success) is done. A refusal retrying cannot fix (the solution is not in the catalog, say) fails the deal's sync
/// (<see cref="DealFailures"/>), as it failed the creation when both were one message.
/// </summary>
public sealed partial class AssociateOpportunitySolutionConsumer(
    IPartnerCentralClient partnerCentral,
    IHubSpotCrmClient crm,
    PartnerCentralWrites writes,
    DealFailures failures,
    Outcomes outcomes,
    ILogger<AssociateOpportunitySolutionConsumer> logger) : IConsumer<AssociateOpportunitySolution>
{
    const string Solutions = "Solutions";

    /// <inheritdoc />
    public async Task Consume(ConsumeContext<AssociateOpportunitySolution> context)
    {
        var request = context.Message;
        try
        {
            if (!await writes.TryWriteAsync(context, PartnerCentralWrite.Association(request.OpportunityId, request.SolutionId),
                    ct => partnerCentral.AssociateOpportunityAsync(request.OpportunityId, Solutions, request.SolutionId, ct)))
                return;
            LogAssociated(logger, request.OpportunityId, request.SolutionId);
        }
        catch (PartnerCentralException e) when (e.Kind == PartnerCentralErrorKind.Conflict)
        {
            // A redelivery after the association succeeded: it is already there.
            LogAlreadyAssociated(logger, request.OpportunityId, request.SolutionId);
        }
        catch (PartnerCentralException e) when (e.Kind == PartnerCentralErrorKind.Permanent)
        {
            if (await crm.GetDealAsync(request.DealId, context.CancellationToken) is { } deal)
                await failures.FailAsync(context, request.PortalId, request.SubscriptionType, deal, request.OpportunityId, e.ErrorType, e.Reason);
            else
                await outcomes.DealSkippedAsync(context, request.PortalId, request.DealId, request.SubscriptionType, SyncSkipReasons.ObjectNotFound,
                    $"Deal {request.DealId} no longer exists in HubSpot; opportunity {request.OpportunityId} was not associated with solution {request.SolutionId}: {e.ErrorType}.", $"{request.DealId}/{SyncSkipReasons.ObjectNotFound}/{request.SolutionId}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opportunity {OpportunityId} is associated with solution {SolutionId}")]
    static partial void LogAssociated(ILogger logger, string opportunityId, string solutionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Opportunity {OpportunityId} is already associated with solution {SolutionId}")]
    static partial void LogAlreadyAssociated(ILogger logger, string opportunityId, string solutionId);
}
