using System.Text.Json;
using HipLog.Domain.Wire;

namespace HipLog.Domain.Watch;

/// <summary>A recommendation as the runner sees it: in GET /recommendations and in the webhook body.</summary>
/// <param name="FollowUp">Set when the pain report behind it was retracted or corrected: why it was withdrawn, or no longer applies.</param>
public sealed record RecommendationPayload(
    string Id,
    RecommendationKind Kind,
    RecommendationStatus Status,
    string Location,
    string Side,
    DateTimeOffset? DueAt,
    DateTimeOffset? DeliveredAt,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Advisories,
    double? WeekDistanceChangePercent,
    double? LoadRatio,
    IReadOnlyList<PrescribedExercise> Exercises,
    string? Message,
    DateTimeOffset DetectedAt,
    FollowUp? FollowUp = null)
{
    public static RecommendationPayload From(RecommendationView v) => new(
        v.Id, v.Kind, v.Status, Kebab.Of(v.Location), Kebab.Of(v.Side),
        v.DueAt, v.DeliveredAt, v.Reasons, v.Advisories, v.WeekDistanceChangePercent, v.LoadRatio, v.Exercises, v.Message, v.DetectedAt, v.FollowUp);

    /// <summary>The webhook body's wire format: the Api's own.</summary>
    public static readonly JsonSerializerOptions Json = HipLogJson.Create();
}
