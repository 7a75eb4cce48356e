namespace Switchyard.Processor.Mapping;

/// <summary>The <c>Mapping</c> configuration section: how HubSpot deals become Partner Central opportunities.</summary>
/// <remarks>
/// Lists of Partner Central values are written the way HubSpot writes multi-selects, separated by <c>;</c>, so that a
/// configured default reads like a deal's own value (and configuration binding cannot append to a list default).
/// </remarks>
public sealed class MappingOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Mapping";

    /// <summary>
    /// HubSpot stage ids mapped to Partner Central stages, added to HubSpot's default pipeline (see
    /// <see cref="StageMap.HubSpotDefaults"/>) or replacing its entries. Custom pipelines' stage ids are numbers, e.g.
    /// <c>Mapping:StageMap:123456789=Qualified</c>.
    /// </summary>
    public Dictionary<string, string> StageMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The stage of deals whose HubSpot stage the map does not know. <c>Prospect</c>: claiming less progress than a
    /// deal made is harmless; claiming more misleads AWS.
    /// </summary>
    public string DefaultStage { get; set; } = PartnerCentralValues.Stage.Prospect;

    /// <summary>
    /// <c>Project.DeliveryModels</c> for deals whose <c>aws_delivery_models</c> holds no valid value.
    /// <c>SaaS or PaaS</c>, the model of a software partner co-selling its product.
    /// </summary>
    public string DefaultDeliveryModels { get; set; } = "SaaS or PaaS";

    /// <summary>
    /// <c>PrimaryNeedsFromAws</c> for deals whose <c>aws_primary_needs</c> holds no valid value.
    /// <c>Co-Sell - Deal Support</c>: the general request for an AWS seller's help, which asks for no specific service.
    /// </summary>
    public string DefaultPrimaryNeeds { get; set; } = "Co-Sell - Deal Support";

    /// <summary>
    /// <c>Project.CustomerUseCase</c> for deals whose <c>aws_use_case</c> holds no valid value. Partner Central has no
    /// neutral use case, so this one (<c>Migration/Database Migration</c>, the most common co-sell workload) is only a
    /// starting point: set it to what most of the partner's deals are.
    /// </summary>
    public string DefaultUseCase { get; set; } = "Migration/Database Migration";

    /// <summary>The tag that puts deals in scope, removed from the deal name to make the title. <c>#AWS</c>.</summary>
    public string Tag { get; set; } = AwsTag.Default;

    /// <summary>
    /// How many days after today the target close date is when the deal's close date is missing or past (Partner
    /// Central refuses past dates). 90.
    /// </summary>
    public int FallbackCloseDateDays { get; set; } = 90;

    /// <summary>
    /// The country (code or name) assumed for phone numbers written without a country code when the company has no
    /// country. Unset: such numbers are left out.
    /// </summary>
    public string? DefaultPhoneCountry { get; set; }
}
