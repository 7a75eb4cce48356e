using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Switchyard.Hosting;
using Switchyard.Hosting.Auth;
using Switchyard.WebConsole.Failures;
using Switchyard.WebConsole.Overview;
using Switchyard.WebConsole.ReadModel;
using Switchyard.WebConsole.SignIn;
using Switchyard.WebConsole.Webhooks;

namespace Switchyard.WebConsole;

/// <summary>
/// The console: web pages over what Switchyard knows (overview, failed messages, webhooks, deals), served at <c>/</c>
/// by AllInOne and by the console's own host.
/// </summary>
public sealed class ConsoleModule : ISwitchyardModule
{
    /// <summary>The console's queue: the outcome and received events its read model counts.</summary>
    public const string EndpointName = "console";

    /// <inheritdoc />
    public string Name => "console";

    /// <inheritdoc />
    public void AddServices(IHostApplicationBuilder builder)
    {
        builder.AddSwitchyardAuth();
        builder.Services.AddOptions<ConsoleOptions>().Bind(builder.Configuration.GetSection(ConsoleOptions.Section)).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ConsoleOptions>, ConsoleOptionsValidator>();
        builder.Services.AddConsoleAuthentication();

        builder.Services.AddRazorPages(pages =>
            {
                pages.Conventions.AuthorizeFolder("/", ConsoleRoles.ViewPolicy);
                pages.Conventions.AllowAnonymousToPage("/SignIn");
                pages.Conventions.AddPageRoute("/Overview", "");
                pages.Conventions.ConfigureFilter(new SecurityHeaders());
            })
            .ConfigureApplicationPartManager(parts =>
            {
                // Found by the entry assembly's references in AllInOne and the console's host; named here for any other host.
                var assembly = typeof(ConsoleModule).Assembly;
                if (parts.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == assembly))
                    return;
                foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly))
                    parts.ApplicationParts.Add(part);
            });

        // Before the bus, so the schema exists when the first event arrives.
        builder.AddConsoleReadModel();
        builder.Services.AddSingleton<ConsoleBroker>();
        builder.Services.AddSingleton<FailedMessageReader>();
        builder.Services.AddSingleton<FailedMessageSnapshot>();
        builder.Services.AddSingleton<ConsoleHistory>();
        builder.Services.AddSingleton<OperationRunner>();
        builder.Services.AddSingleton<WriteBudget>();
        builder.Services.AddScoped<ServiceHealth>();
        builder.Services.AddScoped<OverviewReader>();
        builder.Services.AddHttpClient(ServiceHealth.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(3));
        builder.Services.AddHttpClient(WriteBudget.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(3));
        builder.Services.AddHttpClient<DispatcherClient>(DispatcherClient.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(15));
    }

    /// <inheritdoc />
    public void AddConsumers(IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<DealOutcomeConsumer, DealOutcomeConsumerDefinition>();
        bus.AddConsumer<ReceivedEventCounter, ReceivedEventCounterDefinition>();
    }

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRazorPages();
        endpoints.MapConsoleAssets();
    }

    /// <inheritdoc />
    public IEnumerable<string> DescribeEndpoints(Uri baseAddress)
    {
        yield return $"Open the console at {baseAddress} (sign in with a client of Auth:ApiKeys listed in Console:Operators or Console:Viewers)";
    }
}
