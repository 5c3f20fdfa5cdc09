using System.Text.Json;
using System.Text.Json.Serialization;

namespace HipLog.Domain.Watch;

/// <summary>A recommendation as the runner sees it: in GET /recommendations and in the webhook body.</summary>
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
    DateTimeOffset DetectedAt)
{
    public static RecommendationPayload From(RecommendationView v) => new(
        v.Id, v.Kind, v.Status, JsonNamingPolicy.KebabCaseLower.ConvertName(v.Location.ToString()), JsonNamingPolicy.KebabCaseLower.ConvertName(v.Side.ToString()),
        v.DueAt, v.DeliveredAt, v.Reasons, v.Advisories, v.WeekDistanceChangePercent, v.LoadRatio, v.Exercises, v.Message, v.DetectedAt);

    /// <summary>The webhook body's wire format, the same as the Api's: camelCase, kebab-case options.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false) },
    };
}
