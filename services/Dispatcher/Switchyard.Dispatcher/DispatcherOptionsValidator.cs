using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Switchyard.Dispatcher.Delivery.Safety;
using Switchyard.Dispatcher.Http;
using Switchyard.Dispatcher.Subscriptions;
using Switchyard.Hosting.Bus;

namespace Switchyard.Dispatcher;

/// <summary>Checks <c>Dispatcher</c> at start-up, naming the key that is wrong. Never quotes a secret or a connection string.</summary>
public sealed class DispatcherOptionsValidator : IValidateOptions<DispatcherOptions>
{
    const int MaxRedeliveries = 20;

    /// <summary>The longest wait before one redelivery: SQS keeps a message 4 days by default, and each wait holds one.</summary>
    static readonly TimeSpan MaxRedeliveryInterval = TimeSpan.FromDays(1);

    readonly IConfiguration? _configuration;

    /// <summary>A validator of bound options alone.</summary>
    public DispatcherOptionsValidator() : this(null)
    {
    }

    /// <param name="configuration">
    /// The raw configuration, to catch interval entries the binder cannot convert: it drops those silently, which would
    /// quietly change the redelivery schedule.
    /// </param>
    public DispatcherOptionsValidator(IConfiguration? configuration) => _configuration = configuration;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DispatcherOptions options)
    {
        var failures = new List<string>();
        ValidateStorage(options.Storage, failures);
        ValidateDelivery(options.Delivery, failures);
        ValidateRawIntervals($"{DispatcherOptions.Section}:Delivery:Redelivery:Intervals", failures);

        if (options.Disabling.AfterFailingFor <= TimeSpan.Zero)
            failures.Add($"Dispatcher:Disabling:AfterFailingFor is {options.Disabling.AfterFailingFor}; it must be more than 0.");
        if (options.Disabling.AfterConsecutiveFailures < 1)
            failures.Add($"Dispatcher:Disabling:AfterConsecutiveFailures is {options.Disabling.AfterConsecutiveFailures}; it must be at least 1.");
        if (options.SamplesPerEventType is < 1 or > 100)
            failures.Add($"Dispatcher:SamplesPerEventType is {options.SamplesPerEventType}; it must be between 1 and 100.");
        if (options.SampleInterval < TimeSpan.Zero)
            failures.Add($"Dispatcher:SampleInterval is {options.SampleInterval}; it must not be negative.");
        if (options.DeliveryLogRetention <= TimeSpan.Zero)
            failures.Add($"Dispatcher:DeliveryLogRetention is {options.DeliveryLogRetention}; it must be more than 0.");

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Subscriptions.Count; i++)
            ValidateSubscription($"Dispatcher:Subscriptions:{i}", options.Subscriptions[i], ids, failures);

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    static void ValidateStorage(StorageOptions storage, List<string> failures)
    {
        var sqlite = string.Equals(storage.Provider, StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase);
        var postgres = string.Equals(storage.Provider, StorageProviders.PostgreSql, StringComparison.OrdinalIgnoreCase);
        if (!sqlite && !postgres)
            failures.Add($"Dispatcher:Storage:Provider is '{storage.Provider}'; use {StorageProviders.Sqlite} (an embedded file) or {StorageProviders.PostgreSql}.");
        else if (string.IsNullOrWhiteSpace(storage.ConnectionString))
            failures.Add("Dispatcher:Storage:ConnectionString is empty" + (sqlite ? ": give the database file, e.g. Data Source=data/dispatcher.db." : ": give the PostgreSQL connection string."));
        else if (sqlite && !IsSqliteConnectionString(storage.ConnectionString))
            failures.Add("Dispatcher:Storage:ConnectionString is not a SQLite connection string; it should look like Data Source=data/dispatcher.db.");
    }

    static bool IsSqliteConnectionString(string connectionString)
    {
        try
        {
            return new SqliteConnectionStringBuilder(connectionString).DataSource.Length > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    static void ValidateDelivery(DeliveryOptions delivery, List<string> failures)
    {
        if (delivery.Timeout <= TimeSpan.Zero || delivery.Timeout > TimeSpan.FromMinutes(5))
            failures.Add($"Dispatcher:Delivery:Timeout is {delivery.Timeout}; it must be more than 0 and at most 5 minutes.");
        if (delivery.MaxPayloadBytes < 1024)
            failures.Add($"Dispatcher:Delivery:MaxPayloadBytes is {delivery.MaxPayloadBytes}; it must be at least 1024.");
        if (delivery.ConcurrentDeliveries is < 1 or > 1000)
            failures.Add($"Dispatcher:Delivery:ConcurrentDeliveries is {delivery.ConcurrentDeliveries}; it must be between 1 and 1000.");
        for (var i = 0; i < delivery.AllowedNetworks.Count; i++)
        {
            if (!OutboundAddressPolicy.TryParseNetwork(delivery.AllowedNetworks[i], out _))
                failures.Add($"Dispatcher:Delivery:AllowedNetworks:{i} is '{delivery.AllowedNetworks[i]}'; give a network in CIDR form (10.20.0.0/16, fd00::/8) or one address.");
        }

        ValidateRedelivery(delivery.Redelivery, failures);
    }

    static void ValidateRedelivery(DeliveryRedeliveryOptions redelivery, List<string> failures)
    {
        const string Key = "Dispatcher:Delivery:Redelivery";
        var intervals = redelivery.Intervals ?? [];
        if (intervals.Length > MaxRedeliveries)
            failures.Add($"{Key}:Intervals has {intervals.Length} entries; at most {MaxRedeliveries} are allowed.");
        for (var i = 0; i < intervals.Length; i++)
        {
            if (intervals[i] < TimeSpan.Zero || intervals[i] > MaxRedeliveryInterval)
                failures.Add($"{Key}:Intervals:{i} is {intervals[i]}; each interval must be between 0 and {MaxRedeliveryInterval}.");
        }

        BusOptionsValidator.ValidateJitter($"{Key}:Jitter", redelivery.Jitter, failures);
    }

    void ValidateRawIntervals(string key, List<string> failures)
    {
        foreach (var entry in _configuration?.GetSection(key).GetChildren() ?? [])
        {
            if (!TimeSpan.TryParse(entry.Value, CultureInfo.InvariantCulture, out _))
                failures.Add($"{key}:{entry.Key} is '{entry.Value}', which is not a time span: write d.hh:mm:ss, e.g. 02:00:00.");
        }
    }

    static void ValidateSubscription(string key, SubscriptionOptions subscription, HashSet<string> ids, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(subscription.Id))
            failures.Add($"{key}:Id is empty: give the subscription a stable id.");
        else if (subscription.Id.Length > 64 || !subscription.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            failures.Add($"{key}:Id '{subscription.Id}' must be at most 64 letters, digits, '-', '_' or '.'.");
        else if (!ids.Add(subscription.Id))
            failures.Add($"{key}:Id '{subscription.Id}' is used by another subscription.");

        var inbox = !string.IsNullOrWhiteSpace(subscription.Inbox);
        var hasUrl = !string.IsNullOrWhiteSpace(subscription.Url);
        if (inbox && hasUrl)
            failures.Add($"{key} has both Url and Inbox: a subscription is either delivered to a URL or polled from an inbox.");
        else if (!inbox && (!Uri.TryCreate(subscription.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
            failures.Add($"{key}:Url must be an absolute http or https URL (or set Inbox to the API client that polls it).");

        if (subscription.Events.Count == 0 || !subscription.Events.All(Caller.IsEventType))
            failures.Add($"{key}:Events must list at least one event type (letters, digits and . _ : / -) or * for all.");

        if (!inbox)
        {
            if (subscription.Secrets.Count == 0)
                failures.Add($"{key}:Secrets must hold its signing secret: whsec_ followed by the Base64 of 24 to 64 random bytes (e.g. whsec_$(openssl rand -base64 32)).");
            for (var s = 0; s < subscription.Secrets.Count; s++)
            {
                if (WebhookSecret.KeyOf(subscription.Secrets[s]) is null)
                    failures.Add($"{key}:Secrets:{s} is not a signing secret: it must be whsec_ followed by the Base64 of 24 to 64 bytes.");
            }
        }
    }
}
