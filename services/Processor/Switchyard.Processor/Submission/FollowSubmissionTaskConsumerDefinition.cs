using MassTransit;
using Switchyard.Hosting.Bus;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Submission;

/// <summary>
/// Puts <see cref="FollowSubmissionTaskConsumer"/> on a queue of its own (<c>processor-submissions</c>), so that
/// following a task never holds up the write queue. A task in progress is not a failure: the consumer schedules its
/// next check (<see cref="EngagementTasks.Checks"/>). The retries and redeliveries here are for real
/// failures (HubSpot or Partner Central unavailable): after the immediate retries, 5 s, 10 s, 30 s, 1 min, 2 min,
/// 5 min and 10 min where the transport can delay, so that an outage of some minutes does not leave the deal
/// <c>In progress</c>.
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
        retry.IgnorePermanentApiFailures();
        // Every check has been made: trying again at once would not help; the error queue lets an operator replay it.
        retry.Ignore<EngagementTaskNotFinishedException>();
    }
}
