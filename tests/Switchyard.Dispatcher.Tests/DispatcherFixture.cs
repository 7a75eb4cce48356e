using Switchyard.Testing;

namespace Switchyard.Dispatcher.Tests;

/// <summary>A webhook sink and the dispatcher's consumers on the harness, with three subscriptions pointing at the sink.</summary>
internal static class Dispatcher
{
    public static Dictionary<string, string?> Subscriptions(WebhookSink sink) => new()
    {
        ["Dispatcher:Subscriptions:0:Id"] = "everything",
        ["Dispatcher:Subscriptions:0:Url"] = sink.Url("/everything").ToString(),
        ["Dispatcher:Subscriptions:0:Events:0"] = "*",
        ["Dispatcher:Subscriptions:1:Id"] = "skips",
        ["Dispatcher:Subscriptions:1:Url"] = sink.Url("/skips").ToString(),
        ["Dispatcher:Subscriptions:1:Events:0"] = "sync.skipped",
        ["Dispatcher:Subscriptions:2:Id"] = "created",
        ["Dispatcher:Subscriptions:2:Url"] = sink.Url("/created").ToString(),
        ["Dispatcher:Subscriptions:2:Events:0"] = "opportunity.created",
        ["Dispatcher:Subscriptions:2:Events:1"] = "invoice.paid",
    };

    public static Task<ModuleHarness> StartAsync(WebhookSink sink) =>
        ModuleHarness.StartAsync([new DispatcherModule()], Subscriptions(sink));
}
