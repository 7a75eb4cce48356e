using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Switchyard.Hosting.Bus;

/// <summary>Checks the <c>Bus</c> section at start-up. Messages name the key and the fix, never a secret's value.</summary>
/// <param name="configuration">
/// The raw configuration, to catch interval entries the binder cannot convert: it drops those silently, which would
/// quietly change the retry schedule.
/// </param>
public sealed class BusOptionsValidator(IConfiguration configuration) : IValidateOptions<BusOptions>
{
    const int MaxRetries = 20;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, BusOptions options)
    {
        var failures = new List<string>();

        switch (options.TransportKind)
        {
            case null:
                failures.Add($"Bus:Transport '{options.Transport}' is not a transport: use InMemory, RabbitMq or AmazonSqs.");
                break;
            case BusTransport.AmazonSqs:
                failures.Add("Bus:Transport 'AmazonSqs' is not built into this version of Switchyard yet: use InMemory or RabbitMq.");
                break;
            case BusTransport.RabbitMq:
                ValidateRabbitMq(options.RabbitMq, failures);
                break;
        }

        if (options.Retry.MaxRetryAfter < TimeSpan.Zero || options.Retry.MaxRetryAfter > TimeSpan.FromMinutes(5))
            failures.Add($"Bus:Retry:MaxRetryAfter is {options.Retry.MaxRetryAfter}; it must be between 0 and 00:05:00.");

        ValidateRawIntervals("Bus:Retry:Intervals", failures);
        ValidateRawIntervals("Bus:Redelivery:Intervals", failures);
        ValidateIntervals("Bus:Retry:Intervals", options.Retry.Intervals, TimeSpan.FromMinutes(1), failures);
        ValidateIntervals("Bus:Redelivery:Intervals", options.Redelivery.Intervals, TimeSpan.FromDays(1), failures);

        if (options.Redelivery.EffectiveIntervals.Count > 0
            && options.TransportKind == BusTransport.RabbitMq
            && !options.RabbitMq.DelayedExchange)
        {
            failures.Add("Bus:Redelivery:Intervals needs a broker that can delay messages: install the RabbitMQ " +
                         "delayed-message-exchange plugin and set Bus:RabbitMq:DelayedExchange=true, or remove the intervals.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    static void ValidateRabbitMq(RabbitMqOptions rabbit, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(rabbit.Host))
            failures.Add("Bus:RabbitMq:Host is empty: set the broker's host name.");
        if (rabbit.Port is < 1 or > 65535)
            failures.Add($"Bus:RabbitMq:Port {rabbit.Port} is not a TCP port (1-65535).");
        if (string.IsNullOrWhiteSpace(rabbit.VirtualHost))
            failures.Add("Bus:RabbitMq:VirtualHost is empty: use / for the default virtual host.");
        if (string.IsNullOrWhiteSpace(rabbit.Username))
            failures.Add("Bus:RabbitMq:Username is empty.");
    }

    void ValidateRawIntervals(string key, List<string> failures)
    {
        foreach (var entry in configuration.GetSection(key).GetChildren())
        {
            if (!TimeSpan.TryParse(entry.Value, CultureInfo.InvariantCulture, out _))
                failures.Add($"{key}:{entry.Key} is '{entry.Value}', which is not a time span: write hh:mm:ss(.fff), e.g. 00:00:05.");
        }
    }

    static void ValidateIntervals(string key, TimeSpan[]? intervals, TimeSpan max, List<string> failures)
    {
        if (intervals is null)
            return;
        if (intervals.Length > MaxRetries)
            failures.Add($"{key} has {intervals.Length} entries; at most {MaxRetries} are allowed.");
        for (var i = 0; i < intervals.Length; i++)
        {
            if (intervals[i] < TimeSpan.Zero || intervals[i] > max)
                failures.Add($"{key}:{i} is {intervals[i]}; each interval must be between 0 and {max}.");
        }
    }
}
