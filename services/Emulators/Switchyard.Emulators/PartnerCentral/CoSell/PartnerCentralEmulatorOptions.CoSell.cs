using Microsoft.Extensions.Options;
using Switchyard.PartnerCentral.Model;

namespace Switchyard.Emulators.PartnerCentral;

public sealed partial class PartnerCentralEmulatorOptions
{
    /// <summary>
    /// How long a <c>StartEngagement...Task</c> stays <c>IN_PROGRESS</c> before it completes or fails, by the
    /// emulator's clock: 2 seconds unless set (the loopback test server uses 300 ms).
    /// </summary>
    public TimeSpan TaskDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long an AWS referral stays <c>PENDING</c> before it expires: 15 days, as AWS documents ("Invitations will
    /// automatically expire if not accepted within 15 days", <c>ListEngagementInvitationsRequest</c>).
    /// </summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(15);

    /// <summary>The partner's company name, as engagements list it.</summary>
    public string PartnerCompanyName { get; set; } = "Switchyard demo partner";

    /// <summary>Where the EventBridge events go, and which of them are lost on the way.</summary>
    public PartnerCentralEmulatorEventOptions Events { get; set; } = new();
}

/// <summary>The <c>Emulators:PartnerCentral:Events</c> settings.</summary>
public sealed class PartnerCentralEmulatorEventOptions
{
    /// <summary>
    /// The queue the MassTransit sink sends each event's JSON to, inside a Switchyard host (AllInOne, the processor in
    /// Development): <see cref="SellingApiEvents.QueueName"/> unless set; empty sends nowhere.
    /// </summary>
    public string Queue { get; set; } = SellingApiEvents.QueueName;

    /// <summary>
    /// Drops every Nth event (0, the default: none), counted over all events the emulator produces: EventBridge
    /// delivers on a best-effort basis, and a test shows that polling catches what the events miss. Deterministic, so
    /// runs repeat.
    /// </summary>
    public int DropEveryNth { get; set; }
}

/// <summary>Checks the co-sell settings of <c>Emulators:PartnerCentral</c> at start-up.</summary>
public sealed class PartnerCentralCoSellOptionsValidator : IValidateOptions<PartnerCentralEmulatorOptions>
{
    const string Key = PartnerCentralEmulatorOptions.Section;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, PartnerCentralEmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.TaskDelay < TimeSpan.Zero || options.TaskDelay > TimeSpan.FromHours(1))
            failures.Add($"{Key}:TaskDelay is {options.TaskDelay}; it must be between 00:00:00 and 01:00:00.");
        if (options.InvitationLifetime <= TimeSpan.Zero || options.InvitationLifetime > TimeSpan.FromDays(365))
            failures.Add($"{Key}:InvitationLifetime is {options.InvitationLifetime}; it must be more than 00:00:00 and at most 365.00:00:00.");
        if (string.IsNullOrWhiteSpace(options.PartnerCompanyName) || options.PartnerCompanyName.Length > 120)
            failures.Add($"{Key}:PartnerCompanyName must be 1 to 120 characters.");
        if (options.Events.DropEveryNth < 0)
            failures.Add($"{Key}:Events:DropEveryNth is {options.Events.DropEveryNth}; use 0 to drop none, or N to drop every Nth event.");
        if (options.Events.Queue.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
            failures.Add($"{Key}:Events:Queue '{options.Events.Queue}' is not a queue name: use letters, digits, '-', '_' and '.'.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
