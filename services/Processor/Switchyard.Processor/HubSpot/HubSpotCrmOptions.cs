namespace Switchyard.Processor.HubSpot;

/// <summary>
/// The processor's part of the <c>HubSpot</c> section: how it calls HubSpot's CRM API. The receipt binds other keys of
/// the same section (its client secret, subscription types) into its own options.
/// </summary>
public sealed class HubSpotCrmOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "HubSpot";

    /// <summary>HubSpot's API, where production calls go.</summary>
    public static readonly Uri DefaultApiBaseUrl = new("https://api.hubapi.com");

    /// <summary>
    /// The access token of the HubSpot private app the processor acts as, sent as <c>Authorization: Bearer</c>.
    /// Required; never logged and never put in an exception message.
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>
    /// Where the CRM API lives: HubSpot's, or an emulator's (e.g. <c>http://127.0.0.1:5080/emulators/hubspot</c>).
    /// Request paths such as <c>/crm/v3/objects/deals/1</c> are appended to it.
    /// </summary>
    public Uri ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>How long one HTTP exchange with HubSpot may take, answer body included, before it counts as transient.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many of a deal's associated contacts are read (the first ones, in HubSpot's order).</summary>
    public int MaxContacts { get; set; } = 10;

    /// <summary>
    /// The HubSpot account (hub id) the token belongs to, carried by outcome events that no HubSpot webhook caused (what
    /// AWS's review changed); 0 when not set.
    /// </summary>
    public long PortalId { get; set; }
}
