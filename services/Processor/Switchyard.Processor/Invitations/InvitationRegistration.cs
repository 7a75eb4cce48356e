using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Switchyard.Hosting.Bus;
using Switchyard.Processor.Quotas;

namespace Switchyard.Processor.Invitations;

/// <summary>AWS referrals in HubSpot: their options, what the consumers share, the answer as a write that can be parked.</summary>
public static class InvitationRegistration
{
    /// <summary>The queue that follows acceptance tasks: reads, retried while a task runs, apart from the other queues.</summary>
    public const string FollowEndpointName = "processor-invitation-tasks";

    /// <summary>The queue of <see cref="FollowInvitationAcceptanceConsumer"/>, as the transport of <paramref name="context"/> names it.</summary>
    public static Uri FollowAddressFor(ConsumeContext context) => new($"queue:{context.QueueName(FollowEndpointName)}");

    /// <summary>Adds <see cref="InvitationOptions"/> (validated at start-up) and the services the invitation consumers share.</summary>
    public static IHostApplicationBuilder AddInvitations(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<InvitationOptions>().Bind(builder.Configuration.GetSection(InvitationOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<InvitationOptions>, InvitationOptionsValidator>();
        builder.Services.AddScoped<ReferralInvitations>();
        builder.Services.AddScoped<InvitationDeals>();
        builder.Services.AddScoped<InvitationLinks>();
        builder.Services.AddScoped<InvitationFailures>();
        builder.Services.AddParkableMessage<AnswerInvitation>();
        return builder;
    }

    /// <summary>Registers the invitation consumers.</summary>
    public static void AddInvitationConsumers(this IBusRegistrationConfigurator bus)
    {
        ArgumentNullException.ThrowIfNull(bus);
        bus.AddConsumer<PartnerCentralInvitationConsumer, PartnerCentralInvitationConsumerDefinition>();
        bus.AddConsumer<AnswerInvitationConsumer, AnswerInvitationConsumerDefinition>();
        bus.AddConsumer<FollowInvitationAcceptanceConsumer, FollowInvitationAcceptanceConsumerDefinition>();
    }
}
