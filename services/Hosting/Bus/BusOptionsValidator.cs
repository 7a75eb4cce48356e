using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Switchyard.Hosting.Bus;

/// <summary>Checks the <c>Bus</c> section at start-up. Messages name the key and the fix, never a secret's value.</summary>
public sealed partial class BusOptionsValidator : IValidateOptions<BusOptions>
{
    const int MaxRetries = 20;

    /// <summary>What to do to get the SQS transport, for builds without it.</summary>
    public const string HowToBuildInAmazonSqs =
        "build the receipt, processor and dispatcher hosts with -p:SwitchyardAmazonSqs=true (the default) on a machine whose " +
        "NuGet source has MassTransit.AmazonSQS (build/test.sh says when it had to leave it out)";

    readonly IConfiguration _configuration;
    readonly HashSet<BusTransport> _pluggedIn;

    /// <summary>A validator for a host whose transports are only the built-in ones (InMemory, RabbitMq).</summary>
    /// <param name="configuration">
    /// The raw configuration, to catch interval entries the binder cannot convert: it drops those silently, which would
    /// quietly change the retry schedule.
    /// </param>
    public BusOptionsValidator(IConfiguration configuration) : this(configuration, [])
    {
    }

    /// <summary>A validator for a host that also carries the transports <paramref name="pluggedIn"/> (see <see cref="ISwitchyardBusTransport"/>).</summary>
    public BusOptionsValidator(IConfiguration configuration, IEnumerable<BusTransport> pluggedIn)
    {
        _configuration = configuration;
        _pluggedIn = [.. pluggedIn];
    }

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, BusOptions options)
    {
        var failures = new List<string>();

        switch (options.TransportKind)
        {
            case null:
                failures.Add($"Bus:Transport '{options.Transport}' is not a transport: use InMemory, RabbitMq or AmazonSqs.");
                break;
            case BusTransport.AmazonSqs when !_pluggedIn.Contains(BusTransport.AmazonSqs):
                failures.Add($"Bus:Transport 'AmazonSqs' is not built into this version of Switchyard: {HowToBuildInAmazonSqs}; or use InMemory or RabbitMq.");
                break;
            case BusTransport.AmazonSqs:
                ValidateAmazonSqs(options.AmazonSqs, failures);
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

        // On SQS, intervals longer than its 15-minute delay are made of hops (RedeliveryHops), so any up to a day is fine.
        ValidateJitter("Bus:Redelivery:Jitter", options.Redelivery.Jitter, failures);

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

    /// <summary>
    /// The problems of a <c>Bus:AmazonSqs</c> section on its own, for tools that use SQS whatever <c>Bus:Transport</c>
    /// says (the operator's error-queue broker).
    /// </summary>
    public static IReadOnlyList<string> ValidateAmazonSqs(AmazonSqsOptions sqs)
    {
        ArgumentNullException.ThrowIfNull(sqs);
        var failures = new List<string>();
        ValidateAmazonSqs(sqs, failures);
        return failures;
    }

    static void ValidateAmazonSqs(AmazonSqsOptions sqs, List<string> failures)
    {
        const string Key = "Bus:AmazonSqs";

        if (string.IsNullOrWhiteSpace(sqs.Region))
            failures.Add($"{Key}:Region is empty: set the AWS region, e.g. eu-west-1.");
        else if (!RegionPattern().IsMatch(sqs.Region.Trim()))
            failures.Add($"{Key}:Region '{sqs.Region}' is not an AWS region name such as eu-west-1 or us-east-1.");

        if (!string.IsNullOrWhiteSpace(sqs.ServiceUrl)
            && !(Uri.TryCreate(sqs.ServiceUrl.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
            failures.Add($"{Key}:ServiceUrl '{sqs.ServiceUrl}' is not an http or https URL, e.g. http://localhost:4566 for LocalStack.");

        if (!string.IsNullOrWhiteSpace(sqs.Scope) && !ScopePattern().IsMatch(sqs.Scope.Trim()))
            failures.Add($"{Key}:Scope '{sqs.Scope}' must be 1 to 30 letters, digits and hyphens, starting with a letter or digit: it prefixes queue, topic and table names.");

        if (!string.IsNullOrWhiteSpace(sqs.Profile) && !ProfilePattern().IsMatch(sqs.Profile.Trim()))
            failures.Add($"{Key}:Profile '{sqs.Profile}' is not a profile name (letters, digits and . _ - @ +).");

        if (!string.IsNullOrWhiteSpace(sqs.RoleArn) && !RoleArnPattern().IsMatch(sqs.RoleArn.Trim()))
            failures.Add($"{Key}:RoleArn '{sqs.RoleArn}' is not an IAM role ARN such as arn:aws:iam::123456789012:role/switchyard.");

        if (!string.IsNullOrEmpty(sqs.ExternalId))
        {
            // The value is never echoed: it is part of how the role's trust is established.
            if (string.IsNullOrWhiteSpace(sqs.RoleArn))
                failures.Add($"{Key}:ExternalId is set without {Key}:RoleArn: it is only used when assuming a role.");
            else if (!ExternalIdPattern().IsMatch(sqs.ExternalId))
                failures.Add($"{Key}:ExternalId must be 2 to 1224 characters of letters, digits and + = , . @ : / -.");
        }

        if (!string.IsNullOrWhiteSpace(sqs.RoleArn) && !SessionNamePattern().IsMatch(sqs.RoleSessionName ?? ""))
            failures.Add($"{Key}:RoleSessionName '{sqs.RoleSessionName}' must be 2 to 64 letters, digits and + = , . @ -.");

        ValidateNames($"{Key}:FifoQueues", sqs.FifoQueues, QueueNamePattern(),
            "a queue name as the services use it (letters, digits, - and _; no scope, no .fifo)", failures);
        ValidateNames($"{Key}:FifoMessageTypes", sqs.FifoMessageTypes, TypeNamePattern(),
            "a message type's full name, e.g. Switchyard.Contracts.HubSpot.HubSpotEventReceived", failures);

        if (!string.IsNullOrWhiteSpace(sqs.FaultTable) && !TableNamePattern().IsMatch(sqs.FaultTable.Trim()))
            failures.Add($"{Key}:FaultTable '{sqs.FaultTable}' is not a DynamoDB table name (3 to 255 letters, digits and _ - .).");

        if (sqs.FaultRetention < TimeSpan.FromHours(1) || sqs.FaultRetention > TimeSpan.FromDays(365))
            failures.Add($"{Key}:FaultRetention is {sqs.FaultRetention}; it must be between 01:00:00 and 365.00:00:00.");
    }

    static void ValidateNames(string key, string[]? names, Regex pattern, string what, List<string> failures)
    {
        for (var i = 0; i < (names?.Length ?? 0); i++)
        {
            if (!pattern.IsMatch(names![i]?.Trim() ?? ""))
                failures.Add($"{key}:{i} is '{names[i]}', which is not {what}.");
        }
    }

    [GeneratedRegex(@"^[a-z]{2}(-[a-z]+)+-\d{1,2}$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9-]{0,29}$")]
    private static partial Regex ScopePattern();

    [GeneratedRegex(@"^[A-Za-z0-9._@+-]{1,64}$")]
    private static partial Regex ProfilePattern();

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::\d{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$")]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"^[A-Za-z0-9+=,.@:/-]{2,1224}$")]
    private static partial Regex ExternalIdPattern();

    [GeneratedRegex(@"^[A-Za-z0-9+=,.@-]{2,64}$")]
    private static partial Regex SessionNamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,60}$")]
    private static partial Regex QueueNamePattern();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*(`\d+)?$")]
    private static partial Regex TypeNamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{3,255}$")]
    private static partial Regex TableNamePattern();

    void ValidateRawIntervals(string key, List<string> failures)
    {
        foreach (var entry in _configuration.GetSection(key).GetChildren())
        {
            if (!TimeSpan.TryParse(entry.Value, CultureInfo.InvariantCulture, out _))
                failures.Add($"{key}:{entry.Key} is '{entry.Value}', which is not a time span: write hh:mm:ss(.fff), e.g. 00:00:05.");
        }
    }

    /// <summary>Checks a redelivery jitter: a fraction from 0 to <see cref="RedeliverySchedule.MaxJitter"/>.</summary>
    public static void ValidateJitter(string key, double jitter, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (double.IsNaN(jitter) || jitter < 0 || jitter > RedeliverySchedule.MaxJitter)
            failures.Add($"{key} is {jitter.ToString(CultureInfo.InvariantCulture)}; it must be a fraction from 0 to {RedeliverySchedule.MaxJitter.ToString(CultureInfo.InvariantCulture)} (0.1 spreads each wait from 90 % to 110 % of its interval).");
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
