namespace Switchyard.Dispatcher;

/// <summary>The <c>Dispatcher</c> configuration section.</summary>
public sealed class DispatcherOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Dispatcher";

    /// <summary>Subscriptions declared in configuration.</summary>
    public List<SubscriptionOptions> Subscriptions { get; set; } = [];

    /// <summary>How long one delivery attempt may take before it counts as failed.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>One entry of <c>Dispatcher:Subscriptions</c>.</summary>
public sealed class SubscriptionOptions
{
    /// <summary>A stable id, e.g. <c>zapier-deals</c>; part of every <c>webhook-id</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The subscriber's webhook URL, http or https.</summary>
    public string Url { get; set; } = "";

    /// <summary>The event types it receives; <c>*</c> receives all.</summary>
    public List<string> Events { get; set; } = [];
}
