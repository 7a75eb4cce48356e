using MassTransit;
using Switchyard.Hosting.Bus;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Submission;

/// <summary>
/// Puts <see cref="FollowSubmissionTaskConsumer"/> on a queue of its own (<c>processor-submissions</c>), so that a
/// task in progress, held by its retries, never holds up the write queue. Its redelivery is a schedule of its own,
/// since a task in progress is expected rather than a failure (<see cref="EngagementTasks.FollowSchedule"/>). Where
/// they run out, the task's end still reaches the deal through AWS's review status.
/// </summary>
public sealed class FollowSubmissionTaskConsumerDefinition : SwitchyardConsumerDefinition<FollowSubmissionTaskConsumer>
{
    /// <summary>Creates the definition.</summary>
    public FollowSubmissionTaskConsumerDefinition() : base(SubmissionRegistration.FollowEndpointName)
    {
    }

    /// <inheritdoc />
    protected override RedeliverySchedule RedeliveryFor(IRegistrationContext context, BusOptions options) => EngagementTasks.FollowSchedule;

    /// <inheritdoc />
    protected override void ConfigureRetry(IRetryConfigurator retry)
    {
        retry.Ignore<HubSpotPermanentException>();
        retry.Ignore<PartnerCentralException>(e => e.Kind == PartnerCentralErrorKind.Permanent);
    }
}
