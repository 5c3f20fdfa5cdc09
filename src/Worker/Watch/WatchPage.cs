using HipLog.Domain.Webhooks;
using HipLog.Domain.Pain;
using HipLog.Domain.Profiles;
using HipLog.Domain.Stretching;
using HipLog.Domain.Trends;
using HipLog.Domain.Watch;
using JasperFx.Events;

namespace HipLog.Worker.Watch;

/// <summary>A pain report or correction the watch judges: recorded within the backfill limit of when it happened.</summary>
public sealed record WatchedReport(IEvent Event, string RunnerId, Guid ReportId, PainDetails Details)
{
    public string RecommendationId => RecommendationIds.For(Event.Id);

    public bool IsCorrection => Event.Data is PainReportCorrected;

    public static WatchedReport? Of(IEvent e, PainWatchOptions o)
    {
        var report = e.Data switch
        {
            PainReported r => new WatchedReport(e, r.RunnerId, r.ReportId, r.Report),
            PainReportCorrected c => new WatchedReport(e, c.RunnerId, c.ReportId, c.Report),
            _ => null,
        };
        // An import of old entries updates the trends but must not flood the runner with advice.
        return report is not null && e.Timestamp - report.Details.ReportedAt <= o.BackfillAfter ? report : null;
    }
}

/// <summary>
/// Everything the reports of one page need, read in one round trip (<see cref="WatchPageLoader"/>), and kept in step
/// with the decisions made as the page is judged: a later report of the page sees what an earlier one decided.
/// </summary>
public sealed class WatchPage
{
    public required HashSet<string> Decided { get; init; }
    public required Dictionary<Guid, PainReportView> Standing { get; init; }
    public required Dictionary<string, RunnerProfile> Profiles { get; init; }
    public required Dictionary<string, List<RecommendationView>> Recommendations { get; init; }
    public required Dictionary<string, StretchEffectiveness> Evidence { get; init; }
    public required Dictionary<string, TrainingWindow> Training { get; init; }
    public required Dictionary<string, WebhookSubscription> Webhooks { get; init; }
    public required List<StretchSessionView> Sessions { get; init; }

    /// <summary>Those of <see cref="Decided"/> that are clinician advice.</summary>
    public HashSet<string> DecidedReferrals { get; init; } = [];

    public IReadOnlyCollection<RecommendationView> RecommendationsOf(string runnerId) =>
        Recommendations.TryGetValue(runnerId, out var found) ? found : [];

    public WebhookSubscription? WebhookOf(string runnerId) => Webhooks.GetValueOrDefault(runnerId);

    /// <summary>The bout of pain: the first routine delivered in the 28 days before the report, and the sessions since.</summary>
    public EpisodeContext Episode(string runnerId, DateTimeOffset reportedAt)
    {
        var first = RecommendationsOf(runnerId)
            .Where(r => r is { Kind: RecommendationKind.Routine, DeliveredAt: { } at } && at <= reportedAt && at > reportedAt.AddDays(-28))
            .Min(r => r.DeliveredAt);
        return first is null ? EpisodeContext.None
            : new EpisodeContext(first, Sessions.Count(s => s.RunnerId == runnerId && s.OccurredAt >= first.Value));
    }

    /// <summary>The runner's open routines decided on reports before <paramref name="sequence"/>, now replaced by advice.</summary>
    public IReadOnlyList<RecommendationSuperseded> SupersedeBefore(string runnerId, long sequence, string by, DateTimeOffset now)
    {
        if (!Recommendations.TryGetValue(runnerId, out var runners))
            return [];
        var replaced = new List<RecommendationSuperseded>();
        for (var i = 0; i < runners.Count; i++)
        {
            if (!runners[i].IsOpenRoutine || (runners[i].AssessedSequence ?? 0) >= sequence)
                continue;
            replaced.Add(new RecommendationSuperseded(runners[i].Id, runnerId, by, now));
            runners[i] = runners[i] with { Status = RecommendationStatus.Superseded, SupersededBy = by, ClosedAt = now };
        }

        return replaced;
    }

    /// <summary>The page's later reports see this decision: its routine is open, the ones it replaced are not.</summary>
    public void Apply(WatchDecision decision, DateTimeOffset now)
    {
        RecommendationView? view = null;
        foreach (var (e, version) in decision.Events(now).Select((e, i) => (e, i + 1)))
            view = RecommendationView.After(view, e) is { } next ? next with { Version = version } : null;
        if (!Recommendations.TryGetValue(decision.RunnerId, out var runners))
            Recommendations[decision.RunnerId] = runners = [];
        for (var i = 0; i < runners.Count; i++)
            if (decision.Supersedes.Contains(runners[i].Id))
                runners[i] = runners[i] with { Status = RecommendationStatus.Superseded, SupersededBy = decision.RecommendationId,
                    ClosedAt = now };
        // A referral is delivered at once and replaces nothing later: the page's later reports need only routines.
        if (view!.Kind == RecommendationKind.Routine)
            runners.Add(view);
    }
}
