using Hangfire;
using HipLog.Domain.Pain;
using HipLog.Domain.Profiles;
using HipLog.Domain.Stretching;
using HipLog.Domain.Time;
using HipLog.Domain.Trends;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using HipLog.ServiceDefaults;
using HipLog.Worker.Webhooks;
using JasperFx.Events;
using Marten;

namespace HipLog.Worker.Watch;

/// <summary>
/// Judges a page of the event log at a time: one round trip reads what every report in it needs (the runners'
/// profiles, open recommendations, stretch evidence, two weeks of training, and the recent reports of runners not yet
/// in <see cref="PainHistory"/>), the decisions are made in memory in log order, and one commit stores them. Only then
/// are delivery jobs scheduled, one per runner and due time. A page replayed after a crash finds its recommendations
/// already there (their ids are derived from the judged events) and decides nothing twice; a job lost in such a crash
/// is caught by the sweep.
/// </summary>
/// <remarks>
/// The store comes with each call, from the daemon: the subscription is built while Marten builds the store, and a
/// judge that asked the container for that store then would wait for itself.
/// </remarks>
public sealed class PainWatchJudge(TimeProvider clock, IBackgroundJobClient jobs, PainWatchOptions options, PainHistory history, ILogger<PainWatchJudge> logger)
{
    private static readonly RecommendationStatus[] Open = [RecommendationStatus.Scheduled, RecommendationStatus.Delivered];
    private static readonly RecommendationStatus[] TakenUp = [RecommendationStatus.Acknowledged, RecommendationStatus.Completed];

    public async Task JudgeAsync(IDocumentStore store, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var reports = events.Select(e => Report.Of(e, options)).OfType<Report>().ToList();
        // Reports recorded long after they happened (imports) are not judged at all.
        foreach (var _ in events.Where(e => e.Data is PainReported or PainReportCorrected).Skip(reports.Count))
            HipLogMetrics.Assessed(AssessmentOutcomes.SkippedBackfill);
        if (reports.Count == 0)
        {
            foreach (var e in events)
                history.Follow(e.Data);
            await FollowUpAsync(store, events.Select(e => e.Data).OfType<PainReportRetracted>().Select(r => ReportChange.Retraction(r.ReportId)).ToList(), ct);
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        history.Trim(reports.Select(r => r.RunnerId).ToHashSet());
        await using var session = store.LightweightSession();
        var page = await PageContext.LoadAsync(session, reports, history, now, ct);
        var read = System.Diagnostics.Stopwatch.GetTimestamp();

        var decisions = new List<WatchDecision>();
        var slots = page.Recommendations.Values.SelectMany(r => r).Where(r => r is { Kind: RecommendationKind.Routine, Status: RecommendationStatus.Scheduled, DueAt: not null })
            .Select(r => (r.RunnerId, r.DueAt!.Value)).ToHashSet();
        var toSchedule = new List<WatchDecision>();
        var changes = new List<ReportChange>();
        var outcomes = new List<string>();
        foreach (var e in events)
        {
            history.Follow(e.Data);
            // A retraction takes back whatever its report raised, however long after the report it comes.
            if (e.Data is PainReportRetracted retracted)
                changes.Add(ReportChange.Retraction(retracted.ReportId));
            if (reports.FirstOrDefault(r => r.Event == e) is not { } report)
                continue;
            // A report retracted or corrected since is not judged as it was: its own later event is.
            if (!page.Standing.TryGetValue(report.ReportId, out var standing) || standing.Report != report.Details)
                continue;

            var decided = page.Decided.Contains(report.RecommendationId);
            if (decided && !report.IsCorrection)
                continue;
            var assessment = Assess(report, page, now);
            // A correction is also a second look at what the report raised before (a replayed page looks again harmlessly).
            if (report.IsCorrection)
                changes.Add(ReportChange.Correction(report.ReportId, assessment));
            if (decided)
                continue;

            var decision = PainWatch.Decide(report.RunnerId, report.RecommendationId, assessment, now, page.Profiles.GetValueOrDefault(report.RunnerId),
                page.RecommendationsOf(report.RunnerId), page.Evidence.GetValueOrDefault(report.RunnerId)?.Exercises ?? [], options);
            outcomes.Add(decision?.Kind switch
            {
                null => AssessmentOutcomes.None,
                RecommendationKind.Routine => AssessmentOutcomes.Routine,
                _ => AssessmentOutcomes.Clinician,
            });
            if (decision is null)
                continue;

            session.Events.StartStream<RecommendationView>(decision.RecommendationId, decision.Events(now).ToArray());
            foreach (var replaced in decision.Supersedes)
                session.Events.Append(replaced, new RecommendationSuperseded(replaced, report.RunnerId, decision.RecommendationId, now));
            page.Apply(decision, now);
            decisions.Add(decision);
            // A routine due when another of this runner's is already due has its job: that job delivers whatever is due then.
            if (decision.Kind == RecommendationKind.ClinicianReferral || slots.Add((report.RunnerId, decision.DueAt)))
                toSchedule.Add(decision);
        }

        if (decisions.Count > 0)
        {
            await session.SaveChangesAsync(ct);
            var committed = System.Diagnostics.Stopwatch.GetTimestamp();

            foreach (var decision in toSchedule)
            {
                if (decision.Kind == RecommendationKind.Routine)
                    jobs.Schedule<DeliverRecommendation>(j => j.RunAsync(decision.RecommendationId), Max(decision.DueAt - now, TimeSpan.Zero));
                else if (page.HasWebhook(decision.RunnerId))
                    jobs.Enqueue<SendWebhook>(j => j.QueueAsync(decision.RecommendationId));
            }

            logger.LogInformation("Pain watch: {Reports} reports judged in {Milliseconds} ms (read {Read} ms, commit {Commit} ms), {Routines} routines and {Referrals} clinician advisories",
                reports.Count, Ms(started), Ms(started, read), Ms(read, committed),
                decisions.Count(d => d.Kind == RecommendationKind.Routine), decisions.Count(d => d.Kind == RecommendationKind.ClinicianReferral));
        }

        // Counted once the decisions are stored: a page that failed to commit is judged again and counted then.
        foreach (var outcome in outcomes)
            HipLogMetrics.Assessed(outcome);

        // In log order: a correction that took a recommendation back is not followed up again by a later retraction.
        await FollowUpAsync(store, changes, ct);
    }

    /// <summary>
    /// Withdraws or follows up what the changed reports raised. Each recommendation is written on its own, at the version
    /// read, as delivery writes it: if the routine is delivered at that moment, the delivery wins and the watch looks
    /// again, and then follows it up instead of withdrawing it. A replayed page finds the follow-up already there.
    /// </summary>
    private async Task FollowUpAsync(IDocumentStore store, IReadOnlyList<ReportChange> changes, CancellationToken ct)
    {
        if (changes.Count == 0)
            return;
        var reportIds = changes.Select(c => (Guid?)c.ReportId).Distinct().ToArray();
        IReadOnlyList<string> raised;
        await using (var query = store.QuerySession())
            raised = await query.Query<RecommendationView>().Where(r => r.ReportId.IsOneOf(reportIds)).Select(r => r.Id).ToListAsync(ct);
        if (raised.Count == 0)
            return;

        foreach (var change in changes)
        foreach (var recommendationId in raised)
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var session = store.LightweightSession();
                var stream = await session.Events.FetchForWriting<RecommendationView>(recommendationId, ct);
                if (stream.Aggregate is not { } current || PainWatchFollowUp.Reconsider(current, change, clock.GetUtcNow()) is not { } answer)
                    break;
                stream.AppendOne(answer);
                try
                {
                    await session.SaveChangesAsync(ct);
                }
                catch (Exception e) when (attempt < 3 && e is JasperFx.ConcurrencyException or JasperFx.Events.EventStreamUnexpectedMaxEventIdException)
                {
                    continue;
                }

                logger.LogInformation("Pain watch: {RecommendationId} {Outcome}: {Reason}", recommendationId,
                    answer is RecommendationWithdrawn ? "withdrawn" : "followed up", answer is RecommendationWithdrawn w ? w.Reason : ((RecommendationFollowedUp)answer).Reason);
                if (answer is RecommendationFollowedUp)
                    jobs.Enqueue<SendWebhook>(j => j.QueueFollowUpAsync(recommendationId));
                break;
            }
        }
    }

    private Assessment? Assess(Report report, PageContext page, DateTimeOffset now)
    {
        var pain = history[report.RunnerId];
        var trigger = pain.FactsOf(report.ReportId, report.Details);
        return PainRules.Assess(trigger, pain.Around(report.Details.ReportedAt, now), LoadContext.On(trigger.Day, page.Training[report.RunnerId]),
            page.Episode(report.RunnerId, report.Details.ReportedAt), options);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static long Ms(long from, long? to = null) => (long)System.Diagnostics.Stopwatch.GetElapsedTime(from, to ?? System.Diagnostics.Stopwatch.GetTimestamp()).TotalMilliseconds;

    /// <summary>A pain report or correction the watch judges: recorded within the backfill limit of when it happened.</summary>
    private sealed record Report(IEvent Event, string RunnerId, Guid ReportId, PainDetails Details)
    {
        public string RecommendationId => RecommendationIds.For(Event.Id);

        public bool IsCorrection => Event.Data is PainReportCorrected;

        public static Report? Of(IEvent e, PainWatchOptions o)
        {
            var report = e.Data switch
            {
                PainReported r => new Report(e, r.RunnerId, r.ReportId, r.Report),
                PainReportCorrected c => new Report(e, c.RunnerId, c.ReportId, c.Report),
                _ => null,
            };
            // An import of old entries updates the trends but must not flood the runner with advice.
            return report is not null && e.Timestamp - report.Details.ReportedAt <= o.BackfillAfter ? report : null;
        }
    }

    /// <summary>Everything the reports of one page need, read in one round trip.</summary>
    private sealed class PageContext
    {
        public required HashSet<string> Decided { get; init; }
        public required Dictionary<Guid, PainReportView> Standing { get; init; }
        public required Dictionary<string, RunnerProfile> Profiles { get; init; }
        public required Dictionary<string, List<RecommendationView>> Recommendations { get; init; }
        public required Dictionary<string, StretchEffectiveness> Evidence { get; init; }
        public required Dictionary<string, TrainingWindow> Training { get; init; }
        public required HashSet<string> Webhooks { get; init; }
        public required List<StretchSessionView> Sessions { get; init; }

        public static async Task<PageContext> LoadAsync(IDocumentSession session, IReadOnlyList<Report> reports, PainHistory history, DateTimeOffset now, CancellationToken ct)
        {
            var runners = reports.Select(r => r.RunnerId).Distinct().ToArray();
            var earliest = reports.Min(r => r.Details.ReportedAt);
            var since = (earliest < now ? earliest : now) - PainHistory.Kept;
            var episodeStart = earliest.AddDays(-28);
            var takenFrom = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-2);
            // A routine is due within a day or two of its detection, and delivered at its due time or soon after.
            var recentFrom = Min(episodeStart, new DateTimeOffset(takenFrom.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)).AddDays(-3);
            var unknown = runners.Where(r => !history.Knows(r) || !history[r].Covers(reports.Where(x => x.RunnerId == r).Min(x => x.Details.ReportedAt))).ToArray();

            var batch = session.CreateBatchQuery();
            var decided = batch.LoadMany<RecommendationView>().ById(reports.Select(r => r.RecommendationId).ToArray());
            var standing = batch.LoadMany<PainReportView>().ById(reports.Select(r => r.ReportId).Distinct().ToArray());
            var profiles = batch.LoadMany<RunnerProfile>().ById(runners);
            // Open routines (to replace), whatever their age, by the index on runner and status; and the routines of the
            // last four weeks that were taken up (their days get no second one) or delivered (the bout of pain), by the
            // index on runner and detection time: never a runner's whole inbox, nor their referrals.
            var open = batch.Query<RecommendationView>()
                .Where(r => r.RunnerId.IsOneOf(runners) && r.Status.IsOneOf(Open) && r.Kind == RecommendationKind.Routine).ToList();
            var recent = batch.Query<RecommendationView>()
                .Where(r => r.RunnerId.IsOneOf(runners) && r.DetectedAt >= recentFrom && r.Kind == RecommendationKind.Routine
                            && ((r.Status.IsOneOf(TakenUp) && r.DueDay >= takenFrom) || r.DeliveredAt >= episodeStart)).ToList();
            var evidence = batch.LoadMany<StretchEffectiveness>().ById(runners);
            var webhooks = batch.LoadMany<WebhookSubscription>().ById(runners);
            var sessions = batch.Query<StretchSessionView>().Where(s => s.RunnerId.IsOneOf(runners) && s.OccurredAt >= episodeStart).ToList();
            var pain = unknown.Length == 0 ? null
                : batch.Query<PainReportView>().Where(v => v.RunnerId.IsOneOf(unknown) && v.OccurredAt >= since).ToList();
            await batch.Execute(ct);
            // Two weeks of training before each report; a day of slack either side of the UTC dates holds their local days in any zone.
            var training = await TrainingWindow.LoadManyAsync(session, runners.ToDictionary(r => r, r =>
            {
                var days = reports.Where(x => x.RunnerId == r).Select(x => DateOnly.FromDateTime(x.Details.ReportedAt.UtcDateTime)).ToList();
                return (days.Min().AddDays(-14), days.Max().AddDays(1));
            }), ct);

            var profileById = (await profiles).ToDictionary(p => p.Id);
            if (pain is not null)
            {
                var found = (await pain).ToLookup(v => v.RunnerId);
                foreach (var runner in unknown)
                    history.Remember(runner, new RunnerPain(profileById.GetValueOrDefault(runner)?.TimeZone ?? RunnerProfile.DefaultTimeZone, since,
                        found[runner].Select(v => (v.Id, v.Report)), now));
            }

            return new PageContext
            {
                Decided = (await decided).Select(r => r.Id).ToHashSet(),
                Standing = (await standing).ToDictionary(v => v.Id),
                Profiles = profileById,
                Recommendations = (await open).Concat(await recent).DistinctBy(r => r.Id).GroupBy(r => r.RunnerId).ToDictionary(g => g.Key, g => g.ToList()),
                Evidence = (await evidence).ToDictionary(e => e.Id),
                Training = training,
                Webhooks = (await webhooks).Where(w => !w.Disabled).Select(w => w.Id).ToHashSet(),
                Sessions = [.. await sessions],
            };
        }

        public IReadOnlyCollection<RecommendationView> RecommendationsOf(string runnerId) =>
            Recommendations.TryGetValue(runnerId, out var found) ? found : [];

        public bool HasWebhook(string runnerId) => Webhooks.Contains(runnerId);

        /// <summary>The bout of pain: the first routine delivered in the 28 days before the report, and the sessions since.</summary>
        public EpisodeContext Episode(string runnerId, DateTimeOffset reportedAt)
        {
            var first = RecommendationsOf(runnerId)
                .Where(r => r is { Kind: RecommendationKind.Routine, DeliveredAt: { } at } && at <= reportedAt && at > reportedAt.AddDays(-28))
                .Min(r => r.DeliveredAt);
            return first is null ? EpisodeContext.None
                : new EpisodeContext(first, Sessions.Count(s => s.RunnerId == runnerId && s.OccurredAt >= first.Value));
        }

        /// <summary>The page's later reports see this decision: its routine is open, the ones it replaced are not.</summary>
        public void Apply(WatchDecision decision, DateTimeOffset now)
        {
            var projection = new RecommendationViewProjection();
            RecommendationView? view = null;
            foreach (var (e, version) in decision.Events(now).Select((e, i) => (e, i + 1)))
                view = projection.Evolve(view, decision.RecommendationId, new Event<object>(e) { Version = version });
            if (!Recommendations.TryGetValue(decision.RunnerId, out var runners))
                Recommendations[decision.RunnerId] = runners = [];
            for (var i = 0; i < runners.Count; i++)
                if (decision.Supersedes.Contains(runners[i].Id))
                    runners[i] = runners[i] with { Status = RecommendationStatus.Superseded, SupersededBy = decision.RecommendationId, ClosedAt = now };
            // A referral is delivered at once and replaces nothing later: the page's later reports need only routines.
            if (view!.Kind == RecommendationKind.Routine)
                runners.Add(view);
        }
    }
}
