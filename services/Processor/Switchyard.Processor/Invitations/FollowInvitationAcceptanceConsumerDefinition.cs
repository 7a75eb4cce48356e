using MassTransit;
using Switchyard.Hosting.Bus;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Invitations;

/// <summary>
/// Puts <see cref="FollowInvitationAcceptanceConsumer"/> on a queue of its own (<c>processor-invitation-tasks</c>), so
/// that following a task never holds up the write queue or the processor's. A task in progress is not a failure: the
/// consumer schedules its next check (<see cref="EngagementTasks.Checks"/>); the retries and the redelivery on
/// <see cref="EngagementTasks.FollowSchedule"/> are for real failures. Where the checks or the retries run out, AWS's
/// <c>Engagement Invitation Accepted</c> (or the next poll) still links the deal. Messages following one invitation
/// (a redelivered answer sends a second for AWS's same task) go one at a time, so the second finds the deal linked.
/// </summary>
public sealed class FollowInvitationAcceptanceConsumerDefinition : SwitchyardConsumerDefinition<FollowInvitationAcceptanceConsumer>
{
    /// <summary>Creates the definition.</summary>
    public FollowInvitationAcceptanceConsumerDefinition() : base(InvitationRegistration.FollowEndpointName)
    {
    }

    /// <inheritdoc />
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator,
        IConsumerConfigurator<FollowInvitationAcceptanceConsumer> consumerConfigurator, IRegistrationContext context)
    {
        consumerConfigurator.PartitionBy<FollowInvitationAcceptanceConsumer, FollowInvitationAcceptance>(context, consume => consume.Message.InvitationId);
        base.ConfigureConsumer(endpointConfigurator, consumerConfigurator, context);
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
