using MassTransit;
using Switchyard.Hosting.Bus;
using Switchyard.Processor.HubSpot;
using Switchyard.Processor.PartnerCentral;

namespace Switchyard.Processor.Submission;

/// <summary>
/// Puts <see cref="FollowSubmissionTaskConsumer"/> on a queue of its own (<c>processor-submissions</c>), so that a
/// task in progress, held by its retries, never holds up the write queue. Its redelivery is a schedule of its own,
/// since a task in progress is expected rather than a failure: after the immediate retries (each no sooner than the
/// exception's two seconds), 5 s, 10 s, 30 s, 1 min, 2 min, 5 min and 10 min, where the transport can delay. Where
/// they run out, the task's end still reaches the deal through AWS's review status.
/// </summary>
public sealed class FollowSubmissionTaskConsumerDefinition : SwitchyardConsumerDefinition<FollowSubmissionTaskConsumer>
{
    static readonly RedeliverySchedule Schedule = new(
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1),
            TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10)], 0.2);

    /// <summary>Creates the definition.</summary>
    public FollowSubmissionTaskConsumerDefinition() : base(SubmissionRegistration.FollowEndpointName)
    {
    }

    /// <inheritdoc />
    protected override RedeliverySchedule RedeliveryFor(IRegistrationContext context, BusOptions options) => Schedule;

    /// <inheritdoc />
    protected override void ConfigureRetry(IRetryConfigurator retry)
    {
        retry.Ignore<HubSpotPermanentException>();
        retry.Ignore<PartnerCentralException>(e => e.Kind == PartnerCentralErrorKind.Permanent);
    }
}
