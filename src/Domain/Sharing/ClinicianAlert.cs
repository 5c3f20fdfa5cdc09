using HipLog.Domain.Clinician;
using HipLog.Domain.Webhooks;

namespace HipLog.Domain.Sharing;

/// <summary>
/// A red-flag alert to a clinician about one patient: every clinician advisory the patient got within 10 minutes of the first,
/// sent as one webhook delivery (a <see cref="WebhookDelivery"/> of the same id) when the 10 minutes are up.
/// </summary>
/// <param name="Rules">The watch's rules that raised the advisories, in plain words (never notes, scores or free text).</param>
public sealed record ClinicianAlert(string Id, string ClinicianId, string RunnerId, IReadOnlyList<string> RecommendationIds,
    IReadOnlyList<string> Rules, DateTimeOffset FirstAt, DateTimeOffset DueAt)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);
    public const string IdPrefix = "msg_alert~";
    public const string EventType = "patient.advisory";

    public static bool IsAlert(string deliveryId) => deliveryId.StartsWith(IdPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The alert as it stands once this advisory is counted: the open one, with the advisory added (unchanged when it is
    /// counted already: the subscription may read an event twice), or a new one once the open one's 10 minutes are up.
    /// </summary>
    /// <param name="newId">The id a new alert takes: random, so that no job or header names the runner.</param>
    public static ClinicianAlert Count(ClinicianAlert? open, Guid newId, string clinicianId, string runnerId, string recommendationId,
        IEnumerable<string> reasons, DateTimeOffset advisedAt)
    {
        var rules = reasons.Select(ClinicianWords.Reason).ToList();
        if (open is not null && open.DueAt > advisedAt)
            return open.RecommendationIds.Contains(recommendationId) ? open
                : open with { RecommendationIds = [.. open.RecommendationIds, recommendationId], Rules = [.. open.Rules.Union(rules)] };
        return new ClinicianAlert($"{IdPrefix}{newId:N}", clinicianId, runnerId, [recommendationId], rules, advisedAt,
            advisedAt + Window);
    }

    /// <summary>What the clinician's webhook receives: who, why in plain words, when, and where to read more.</summary>
    public object Payload(string? displayName) => new
    {
        type = EventType,
        data = new
        {
            runnerId = RunnerId,
            displayName,
            rules = Rules,
            advisories = RecommendationIds.Count,
            firstAdvisedAt = FirstAt,
            summaryPath = $"/clinicians/{ClinicianId}/patients/{RunnerId}/clinician-summary",
        },
    };

    public WebhookDelivery Delivery(WebhookSubscription to) =>
        new(Id, to.Id, RecommendationIds[0], to.Url, WebhookDeliveryState.Pending, [], FirstAt) { NextAttemptAt = DueAt };
}
