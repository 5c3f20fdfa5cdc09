using Hangfire;
using HipLog.Domain.Pain;
using HipLog.Domain.Runners;
using HipLog.Domain.Stretching;
using HipLog.Domain.Time;
using HipLog.Domain.Trends;
using HipLog.Domain.Watch;
using JasperFx.Events;
using Marten;

namespace HipLog.Worker.Watch;

/// <summary>
/// Assesses one pain report against the runner's history and acts on the decision. The recommendation and a mark for
/// the event commit together, before the delivery job is scheduled: a replay after a crash finds the mark and does
/// nothing twice; a job lost in such a crash is caught by the sweep.
/// </summary>
/// <remarks>
/// The store comes with each call, from the daemon: the subscription is built while Marten builds the store, and a
/// handler that asked the container for that store then would wait for itself.
/// </remarks>
public sealed class PainWatchHandler(TimeProvider clock, IBackgroundJobClient jobs, PainWatchOptions options, ILogger<PainWatchHandler> logger)
{
    public async Task HandleAsync(IDocumentStore store, IEvent e, CancellationToken ct)
    {
        var (runnerId, reportId, report) = e.Data switch
        {
            PainReported r => (r.RunnerId, r.ReportId, r.Report),
            PainReportCorrected c => (c.RunnerId, c.ReportId, c.Report),
            _ => default,
        };
        if (report is null)
            return;
        if (e.Timestamp - report.ReportedAt > options.BackfillAfter)
        {
            // An import of old entries updates the trends but must not flood the runner with advice.
            logger.LogInformation("Pain watch: event {EventId} is a backfill, not assessed", e.Id);
            return;
        }

        await using var session = store.LightweightSession();
        var markId = PainWatchMark.IdFor(e.Id);
        if (await session.LoadAsync<PainWatchMark>(markId, ct) is not null)
            return;

        var now = clock.GetUtcNow();
        var decision = await DecideAsync(session, runnerId, reportId, report, RecommendationIds.For(e.Id), now, ct);
        session.Store(new PainWatchMark(markId, runnerId, decision?.RecommendationId, now));
        if (decision is not null)
        {
            session.Events.StartStream<RecommendationView>(decision.RecommendationId, decision.Events(now).ToArray());
            foreach (var replaced in decision.Supersedes)
                session.Events.Append(replaced, new RecommendationSuperseded(replaced, runnerId, decision.RecommendationId, now));
        }

        await session.SaveChangesAsync(ct);
        if (decision is null)
            return;

        logger.LogInformation("Pain watch: {Kind} {RecommendationId} for event {EventId}, due {DueAt}", decision.Kind, decision.RecommendationId, e.Id, decision.DueAt);
        if (decision.Kind == RecommendationKind.Routine)
            jobs.Schedule<DeliverRecommendation>(j => j.RunAsync(decision.RecommendationId), Max(decision.DueAt - now, TimeSpan.Zero));
        else
            jobs.Enqueue<SendWebhook>(j => j.QueueAsync(decision.RecommendationId));
    }

    private async Task<WatchDecision?> DecideAsync(IDocumentSession session, string runnerId, Guid reportId, PainDetails report,
        string recommendationId, DateTimeOffset now, CancellationToken ct)
    {
        // A report retracted or corrected since is not judged as it was: its own later event is.
        if (await session.LoadAsync<PainReportView>(reportId, ct) is not { } standing || standing.Report != report)
            return null;

        var profile = await session.LoadAsync<RunnerProfile>(runnerId, ct);
        var zone = LocalCalendar.FindZone(profile?.TimeZone) ?? TimeZoneInfo.Utc;
        var history = await session.Query<PainReportView>().Where(r => r.RunnerId == runnerId).ToListAsync(ct);
        var recommendations = await session.Query<RecommendationView>().Where(r => r.RunnerId == runnerId).ToListAsync(ct);
        var trigger = Facts(reportId, report, zone);

        var assessment = PainRules.Assess(trigger, history.Select(h => Facts(h.Id, h.Report, zone)), await LoadAsync(session, runnerId, trigger.Day, ct),
            await EpisodeAsync(session, runnerId, recommendations, report.ReportedAt, ct), options);
        var evidence = (await session.LoadAsync<StretchEffectiveness>(runnerId, ct))?.Exercises ?? [];
        return PainWatch.Decide(runnerId, recommendationId, assessment, now, profile, recommendations, evidence, options);
    }

    private static ReportFacts Facts(Guid id, PainDetails r, TimeZoneInfo zone) =>
        new(id, r.ReportedAt, LocalCalendar.LocalDay(r.ReportedAt, zone), r.Location, r.Side, r.Timing, r.Score, r.RedFlags);

    private static async Task<LoadContext> LoadAsync(IQuerySession session, string runnerId, DateOnly day, CancellationToken ct)
    {
        var window = await TrainingWindow.LoadAsync(session, runnerId, day.AddDays(-13), day, ct);
        var days = window.Figures(day.AddDays(-13), day).Days;
        if (days.Count == 0)
            return new LoadContext(null, null);
        var thisWeek = days.Where(d => d.Day <= day && d.Day > day.AddDays(-7)).Sum(d => d.DistanceKm);
        var weekBefore = days.Where(d => d.Day <= day.AddDays(-7) && d.Day > day.AddDays(-14)).Sum(d => d.DistanceKm);
        double? change = weekBefore > 0 ? Math.Round((thisWeek - weekBefore) / weekBefore * 100, 1) : null;
        return new LoadContext(change, days.LastOrDefault(d => d.Day <= day)?.Ratio);
    }

    /// <summary>The bout of pain: the first routine delivered in the 28 days before the report, and the sessions since.</summary>
    private static async Task<EpisodeContext> EpisodeAsync(IQuerySession session, string runnerId, IReadOnlyList<RecommendationView> recommendations,
        DateTimeOffset reportedAt, CancellationToken ct)
    {
        var first = recommendations
            .Where(r => r is { Kind: RecommendationKind.Routine, DeliveredAt: { } at } && at <= reportedAt && at > reportedAt.AddDays(-28))
            .Min(r => r.DeliveredAt);
        if (first is null)
            return EpisodeContext.None;
        var sessions = await session.Query<StretchSessionView>().Where(s => s.RunnerId == runnerId && s.OccurredAt >= first.Value).CountAsync(ct);
        return new EpisodeContext(first, sessions);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
