using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Switchyard.Hosting.Bus;
using Switchyard.Processor.Quotas;

namespace Switchyard.Processor.Submission;

/// <summary>Submitting opportunities to AWS: the write on the write queue, and the queue that follows its task.</summary>
public static class SubmissionRegistration
{
    /// <summary>The queue that follows submission tasks: reads, retried while a task runs, apart from the write queue.</summary>
    public const string FollowEndpointName = "processor-submissions";

    /// <summary>The queue of <see cref="FollowSubmissionTaskConsumer"/>, as the transport of <paramref name="context"/> names it.</summary>
    public static Uri FollowAddressFor(ConsumeContext context) => new($"queue:{context.QueueName(FollowEndpointName)}");

    /// <summary>Registers what the submission consumers share, and the submission as a write that can be parked.</summary>
    public static IHostApplicationBuilder AddSubmission(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<SubmissionFailures>();
        builder.Services.AddParkableMessage<SubmitOpportunity>();
        return builder;
    }

    /// <summary>Registers the submission consumers.</summary>
    public static void AddSubmissionConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<SubmitOpportunityConsumer, SubmitOpportunityConsumerDefinition>();
        bus.AddConsumer<FollowSubmissionTaskConsumer, FollowSubmissionTaskConsumerDefinition>();
    }
}
