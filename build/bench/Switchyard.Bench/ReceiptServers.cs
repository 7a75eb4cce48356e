using System.Globalization;
using MassTransit;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Switchyard.Contracts.HubSpot;
using Switchyard.Hosting;
using Switchyard.Hosting.Bus;
using Switchyard.Receipt;

namespace Switchyard.Bench;

/// <summary>
/// The server side of the receipt benchmark, in its own process: the receipt as configured in production (signatures
/// verified) on the in-memory transport, once with its consumer elsewhere (nothing bound in this process, as when the
/// processor runs on another machine) and once with a consumer in the same process draining every event (as AllInOne
/// runs); beside them a bare Kestrel endpoint that reads the body and answers the same JSON: the baseline.
/// </summary>
public static class ReceiptServers
{
    public const string ClientSecret = "bench-client-secret";

    public static async Task<int> ServeAsync()
    {
        var receipt = BuildReceipt(withConsumer: false);
        var withConsumer = BuildReceipt(withConsumer: true);
        var bare = BuildBare();
        await receipt.StartAsync();
        await withConsumer.StartAsync();
        await bare.StartAsync();

        // The parent process reads this line to find the ports.
        Console.WriteLine($"ready receipt={Address(receipt)} consumer={Address(withConsumer)} bare={Address(bare)}");
        await Console.In.ReadLineAsync();

        await receipt.StopAsync();
        await withConsumer.StopAsync();
        await bare.StopAsync();
        return 0;
    }

    static WebApplication BuildReceipt(bool withConsumer)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HubSpot:ClientSecret"] = ClientSecret,
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Urls"] = "http://127.0.0.1:0",
        });
        builder.AddSwitchyard(withConsumer ? [new ReceiptModule(), new DrainModule()] : [new ReceiptModule()]);
        var app = builder.Build();
        app.MapSwitchyard();
        app.MapGet("/bench/consumed", (IServiceProvider services) => services.GetService<Drained>()?.Count ?? 0);
        return app;
    }

    static WebApplication BuildBare()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/webhooks/hubspot", async (HttpRequest request) =>
        {
            while (true)
            {
                var read = await request.BodyReader.ReadAsync();
                request.BodyReader.AdvanceTo(read.Buffer.End);
                if (read.IsCompleted)
                    break;
            }

            return Results.Ok(new { message = "Webhook received", enqueued = 1, ignored = 0, correlationId = NewId.NextGuid() });
        });
        return app;
    }

    static string Address(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

    sealed class DrainModule : ISwitchyardModule
    {
        public string Name => "drain";

        public void AddServices(IHostApplicationBuilder builder) => builder.Services.AddSingleton<Drained>();

        public void AddConsumers(IBusRegistrationConfigurator bus) => bus.AddConsumer<DrainConsumer, DrainConsumerDefinition>();
    }

    public sealed class Drained
    {
        long _count;

        public long Count => Interlocked.Read(ref _count);

        public void Add() => Interlocked.Increment(ref _count);
    }

    /// <summary>Stands in for the processor: takes each event off the queue, so the transport does its full work.</summary>
    public sealed class DrainConsumer(Drained drained) : IConsumer<HubSpotEventReceived>
    {
        public Task Consume(ConsumeContext<HubSpotEventReceived> context)
        {
            drained.Add();
            return Task.CompletedTask;
        }
    }

    public sealed class DrainConsumerDefinition() : SwitchyardConsumerDefinition<DrainConsumer>("processor");

    internal static string Format(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
