using System.Collections.Frozen;
using static Switchyard.Processor.Mapping.PartnerCentralValues;

namespace Switchyard.Processor.Mapping;

/// <summary>Maps HubSpot pipeline stages onto Partner Central's lifecycle stages, and stages onto sales activities.</summary>
public sealed class StageMap
{
    /// <summary>HubSpot's default sales pipeline, stage by stage.</summary>
    public static readonly IReadOnlyDictionary<string, string> HubSpotDefaults = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["appointmentscheduled"] = Stage.Prospect,
        ["qualifiedtobuy"] = Stage.Qualified,
        ["presentationscheduled"] = Stage.TechnicalValidation,
        ["decisionmakerboughtin"] = Stage.BusinessValidation,
        ["contractsent"] = Stage.Committed,
        ["closedwon"] = Stage.Launched,
        ["closedlost"] = Stage.ClosedLost,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // What has happened with the customer by the time an opportunity reaches a stage. Each stage adds to the stages
    // before it, as a real sale does; a lost deal claims only the first conversations, since how far it got is unknown.
    static readonly FrozenDictionary<string, string[]> ActivitiesByStage = new Dictionary<string, string[]>
    {
        [Stage.Prospect] = [SalesActivity.InitializedDiscussions],
        [Stage.Qualified] = [SalesActivity.InitializedDiscussions, SalesActivity.CustomerHasShownInterest],
        [Stage.TechnicalValidation] =
        [
            SalesActivity.InitializedDiscussions, SalesActivity.CustomerHasShownInterest, SalesActivity.ConductedPocDemo,
            SalesActivity.InEvaluationPlanning,
        ],
        [Stage.BusinessValidation] =
        [
            SalesActivity.InitializedDiscussions, SalesActivity.CustomerHasShownInterest, SalesActivity.ConductedPocDemo,
            SalesActivity.InEvaluationPlanning, SalesActivity.AgreedOnSolution,
        ],
        [Stage.Committed] =
        [
            SalesActivity.InitializedDiscussions, SalesActivity.CustomerHasShownInterest, SalesActivity.ConductedPocDemo,
            SalesActivity.InEvaluationPlanning, SalesActivity.AgreedOnSolution, SalesActivity.CompletedActionPlan,
            SalesActivity.FinalizedDeploymentNeed, SalesActivity.SowSigned,
        ],
        [Stage.Launched] =
        [
            SalesActivity.InitializedDiscussions, SalesActivity.CustomerHasShownInterest, SalesActivity.ConductedPocDemo,
            SalesActivity.InEvaluationPlanning, SalesActivity.AgreedOnSolution, SalesActivity.CompletedActionPlan,
            SalesActivity.FinalizedDeploymentNeed, SalesActivity.SowSigned,
        ],
        [Stage.ClosedLost] = [SalesActivity.InitializedDiscussions],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    readonly FrozenDictionary<string, string> map;

    /// <summary>
    /// HubSpot's defaults, with <paramref name="overrides"/> (HubSpot stage id to Partner Central stage) added or
    /// replacing them; <paramref name="defaultStage"/> for stages in neither.
    /// </summary>
    /// <exception cref="ArgumentException">A stage named is not one of Partner Central's.</exception>
    public StageMap(IReadOnlyDictionary<string, string>? overrides, string defaultStage)
    {
        DefaultStage = Stages.Find(defaultStage)
            ?? throw new ArgumentException($"'{defaultStage}' is not a Partner Central stage.", nameof(defaultStage));

        var map = new Dictionary<string, string>(HubSpotDefaults, StringComparer.OrdinalIgnoreCase);
        foreach (var (hubSpotStage, stage) in overrides ?? new Dictionary<string, string>())
        {
            map[hubSpotStage.Trim()] = Stages.Find(stage)
                ?? throw new ArgumentException($"'{stage}' (for HubSpot stage '{hubSpotStage}') is not a Partner Central stage.", nameof(overrides));
        }

        this.map = map.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The stage for HubSpot stages the map does not know.</summary>
    public string DefaultStage { get; }

    /// <summary>The Partner Central stage of a HubSpot <c>dealstage</c>; <see cref="DefaultStage"/> for unknown or missing ones.</summary>
    public string Map(string? hubSpotStage) => Find(hubSpotStage) ?? DefaultStage;

    /// <summary>The Partner Central stage of a HubSpot <c>dealstage</c>, or null when the map does not know it.</summary>
    public string? Find(string? hubSpotStage) =>
        string.IsNullOrWhiteSpace(hubSpotStage) ? null : map.GetValueOrDefault(hubSpotStage.Trim());

    /// <summary>The sales activities an opportunity at <paramref name="stage"/> has been through.</summary>
    public static IReadOnlyList<string> SalesActivitiesAt(string stage) =>
        Stages.Find(stage) is { } known ? ActivitiesByStage[known] : [SalesActivity.InitializedDiscussions];
}
