using Switchyard.Testing;

namespace Switchyard.Dispatcher.Tests;

/// <summary>A webhook sink and the dispatcher's consumers on the harness, with three subscriptions pointing at the sink.</summary>
internal static class Dispatcher
{
    public const string Secret = "whsec_MfKQ9r8GKYqrTmkWxUUeSw8hJtq0y4uoGpWGcxe9CZ0=";

    public static Dictionary<string, string?> Subscriptions(WebhookSink sink) => new()
    {
        ["Dispatcher:Delivery:AllowedNetworks:0"] = "127.0.0.0/8",
        ["Dispatcher:Subscriptions:0:Id"] = "everything",
        ["Dispatcher:Subscriptions:0:Url"] = sink.Url("/everything").ToString(),
        ["Dispatcher:Subscriptions:0:Secrets:0"] = Secret,
        ["Dispatcher:Subscriptions:0:Events:0"] = "*",
        ["Dispatcher:Subscriptions:1:Id"] = "skips",
        ["Dispatcher:Subscriptions:1:Url"] = sink.Url("/skips").ToString(),
        ["Dispatcher:Subscriptions:1:Secrets:0"] = Secret,
        ["Dispatcher:Subscriptions:1:Events:0"] = "sync.skipped",
        ["Dispatcher:Subscriptions:2:Id"] = "created",
        ["Dispatcher:Subscriptions:2:Url"] = sink.Url("/created").ToString(),
        ["Dispatcher:Subscriptions:2:Secrets:0"] = Secret,
        ["Dispatcher:Subscriptions:2:Events:0"] = "opportunity.created",
        ["Dispatcher:Subscriptions:2:Events:1"] = "invoice.paid",
    };

    /// <summary>The harness's wait for activity: the first queries of a test process compile for a second or two.</summary>
    public static readonly TimeSpan Inactivity = TimeSpan.FromSeconds(5);

    public static Task<ModuleHarness> StartAsync(WebhookSink sink) => StartAsync(Subscriptions(sink));

    public static Task<ModuleHarness> StartAsync(IEnumerable<KeyValuePair<string, string?>> settings) =>
        ModuleHarness.StartAsync([new DispatcherModule()], settings, inactivityTimeout: Inactivity);
}
