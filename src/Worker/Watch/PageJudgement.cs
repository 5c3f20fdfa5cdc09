using HipLog.Domain.Pain;
using HipLog.Domain.Trends;
using HipLog.Domain.Watch;
using HipLog.ServiceDefaults;
using JasperFx.Events;

namespace HipLog.Worker.Watch;

/// <summary>What a page of the log made the watch decide.</summary>
/// <param name="Decisions">The recommendations to start, in log order.</param>
/// <param name="Changes">The reports retracted or corrected, whose earlier recommendations the watch looks at again.</param>
/// <param name="Outcomes">One <see cref="AssessmentOutcomes"/> per report assessed.</param>
/// <param name="Supersessions">Routines that advice the red-flag lane gave on a later report replaces, now that the watch has
/// reached that report in the log.</param>
public sealed record Verdict(IReadOnlyList<WatchDecision> Decisions, IReadOnlyList<ReportChange> Changes,
    IReadOnlyList<string> Outcomes,
    IReadOnlyList<RecommendationSuperseded> Supersessions);

/// <summary>
/// Judges a page of events in log order, without I/O: each standing report is assessed by the pain rules on the history
/// the watch remembers, and decided on with what the page read; the page and the history follow every event, so a
/// report sees the decisions and reports before it. A page replayed after a crash finds its recommendations decided
/// already (their ids are derived from the judged events) and decides nothing twice.
/// </summary>
public static class PageJudgement
{
    public static Verdict Judge(IReadOnlyList<IEvent> events, IReadOnlyList<WatchedReport> reports, WatchPage page, PainHistory history,
        DateTimeOffset now, PainWatchOptions options)
    {
        var (decisions, changes, outcomes) = (new List<WatchDecision>(), new List<ReportChange>(), new List<string>());
        var supersessions = new List<RecommendationSuperseded>();
        var byEvent = reports.ToDictionary(r => r.Event);
        foreach (var e in events)
        {
            history.Follow(e.Data);
            // A retraction takes back whatever its report raised, however long after the report it comes.
            if (e.Data is PainReportRetracted retracted)
                changes.Add(ReportChange.Retraction(retracted.ReportId));
            if (!byEvent.TryGetValue(e, out var report) || !Stands(report, page))
                continue;

            var decided = page.Decided.Contains(report.RecommendationId);
            // The lane's advice replaces, in log order, what the watch scheduled on the runner's earlier reports meanwhile.
            if (page.DecidedReferrals.Contains(report.RecommendationId))
                supersessions.AddRange(page.SupersedeBefore(report.RunnerId, e.Sequence, report.RecommendationId, now));
            if (decided && !report.IsCorrection)
                continue;
            var assessment = Assess(report, page, history, now, options);
            // A correction is also a second look at what the report raised before (a replayed page looks again harmlessly).
            if (report.IsCorrection)
                changes.Add(ReportChange.Correction(report.ReportId, assessment));
            if (decided)
                continue;

            var decision = PainWatch.Decide(report.RunnerId, report.RecommendationId, assessment, now,
                page.Profiles.GetValueOrDefault(report.RunnerId),
                page.RecommendationsOf(report.RunnerId), page.Evidence.GetValueOrDefault(report.RunnerId)?.Exercises ?? [], options);
            outcomes.Add(OutcomeOf(decision));
            if (decision is null)
                continue;
            decision = decision with { AssessedSequence = e.Sequence };
            page.Apply(decision, now);
            decisions.Add(decision);
        }

        return new Verdict(decisions, changes, outcomes, supersessions);
    }

    /// <summary>A report retracted or corrected since is not judged as it was: its own later event is.</summary>
    private static bool Stands(WatchedReport report, WatchPage page) =>
        page.Standing.TryGetValue(report.ReportId, out var standing) && standing.Report == report.Details;

    private static Assessment? Assess(WatchedReport report, WatchPage page, PainHistory history, DateTimeOffset now,
        PainWatchOptions options)
    {
        var pain = history.For(report.RunnerId, page.Profiles.GetValueOrDefault(report.RunnerId)?.TimeZone
            ?? Domain.Profiles.RunnerProfile.DefaultTimeZone, report.Details.ReportedAt, now);
        var trigger = pain.FactsOf(report.ReportId, report.Details);
        return PainRules.Assess(trigger, pain.Around(report.Details.ReportedAt, now),
            LoadContext.On(trigger.Day, page.Training[report.RunnerId]),
            page.Episode(report.RunnerId, report.Details.ReportedAt), options);
    }

    private static string OutcomeOf(WatchDecision? decision) => decision?.Kind switch
    {
        null => AssessmentOutcomes.None,
        RecommendationKind.Routine => AssessmentOutcomes.Routine,
        _ => AssessmentOutcomes.Clinician,
    };
}
