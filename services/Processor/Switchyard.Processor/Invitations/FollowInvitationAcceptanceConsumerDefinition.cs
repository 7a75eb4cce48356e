using MassTransit;
using Switchyard.Hosting.Bus;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Invitations;

/// <summary>
/// Puts <see cref="FollowInvitationAcceptanceConsumer"/> on a queue of its own (<c>processor-invitation-tasks</c>), so
/// that a task in progress, held by its retries, never holds up the write queue or the processor's; redelivered on
/// <see cref="EngagementTasks.FollowSchedule"/> where the transport can delay. Where the retries run out, AWS's
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
    }
}
