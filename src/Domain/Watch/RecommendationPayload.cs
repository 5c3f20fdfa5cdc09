using System.Text.Json;
using HipLog.Domain.Time;
using HipLog.Domain.Wire;

namespace HipLog.Domain.Watch;

/// <summary>A recommendation as the runner sees it: in GET /recommendations and in the webhook body.</summary>
/// <param name="FollowUp">Set when the pain report behind it was retracted or corrected: why it was withdrawn, or no longer
/// applies.</param>
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
    /// <summary>
    /// Times are written with the offset of the runner's zone: the watch stamps some in UTC (a referral's, a delivery's)
    /// and some in local time (a routine's due time), and a runner reads them all as their own clock's.
    /// </summary>
    public static RecommendationPayload From(RecommendationView v, TimeZoneInfo zone) => new(
        v.Id, v.Kind, v.Status, Kebab.Of(v.Location), Kebab.Of(v.Side),
        LocalCalendar.InZone(v.DueAt, zone), LocalCalendar.InZone(v.DeliveredAt, zone), v.Reasons, v.Advisories,
        v.WeekDistanceChangePercent, v.LoadRatio, v.Exercises.Select(e => e.WithHowLong()).ToList(), v.Message,
            LocalCalendar.InZone(v.DetectedAt, zone),
        v.FollowUp is { } followUp ? followUp with { At = LocalCalendar.InZone(followUp.At, zone) } : null);

    /// <summary>The webhook body's wire format: the Api's own.</summary>
    public static readonly JsonSerializerOptions Json = HipLogJson.Create();
}
