using Hangfire;
using HipLog.Domain.CalendarFeeds;
using HipLog.Domain.DataRights;
using HipLog.Domain.Imports;
using HipLog.Domain.Pain;
using HipLog.Domain.Profiles;
using HipLog.Domain.Runs;
using HipLog.Domain.Sharing;
using HipLog.Domain.Storage;
using HipLog.Domain.Stretching;
using HipLog.Domain.Trends;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using HipLog.Worker.Jobs;
using Marten;
using Npgsql;

namespace HipLog.Worker.DataRights;

/// <summary>
/// Erases a runner whose erasure is pending: their event stream, their recommendations' and their shares' streams are deleted (not
/// masked or archived: a masked event still tells when a pain report was made, and an archived one is still stored),
/// every document derived from them goes, and so do the Hangfire jobs that name their recommendations or deliveries,
/// with the jobs' arguments, states and parameters. Every step can run again, so a job that dies half-way is simply
/// run again by Hangfire, and the sweep below starts one for any erasure left pending.
/// </summary>
public sealed class EraseRunner(IDocumentStore store, TimeProvider clock, ILogger<EraseRunner> logger)
{
    /// <summary>Passes in one run of the job before it leaves the erasure pending for its retry; never a reason to call it done.</summary>
    private const int PassesPerRun = 50;

    private static readonly TimeSpan WatchPatience = TimeSpan.FromMinutes(2);

    [AutomaticRetry(Attempts = 10)]
    public async Task RunAsync(string key)
    {
        ErasureRequest? request;
        await using (var query = store.QuerySession())
            request = await query.LoadAsync<ErasureRequest>(key);
        if (request is not { Status: ErasureStatus.Pending, RunnerId: { } runnerId })
            return;

        // Every write of the runner's is in the log by now (the Api refuses new ones while the erasure is pending), but the
        // pain watch may not have judged the last of them: what it decides later would outlive the erasure.
        await WatchPassesAsync((await store.Advanced.FetchEventStoreStatistics()).EventSequenceNumber);
        var passes = 0;
        for (IReadOnlyList<string> left = ["everything"]; left.Count > 0; left = await LeftOfAsync(runnerId))
        {
            if (++passes > PassesPerRun)
                throw new InvalidOperationException($"Erasure {key}: still finding {string.Join(", ", left)} after {PassesPerRun} passes");
            if (passes > 1)
                logger.LogInformation("Erasure {ErasureKey}: pass {Pass} found {Left}", key, passes, string.Join(", ", left));
            await ErasePassAsync(runnerId);
        }

        await using var session = store.LightweightSession();
        session.Store(request with { RunnerId = null, Status = ErasureStatus.Done, CompletedAt = clock.GetUtcNow() });
        await session.SaveChangesAsync();
        logger.LogInformation("Erasure {ErasureKey} done in {Passes} passes", key, passes);
    }

    private async Task WatchPassesAsync(long sequence)
    {
        var giveUp = Environment.TickCount64 + (long)WatchPatience.TotalMilliseconds;
        while (await WatchPositionAsync() < sequence)
        {
            if (Environment.TickCount64 > giveUp)
                throw new TimeoutException($"The pain watch has not reached event {sequence}: the erasure waits for its retry");
            await Task.Delay(200);
        }
    }

    /// <summary>Both lanes of the watch: advice the red-flag lane gave after the erasure would outlive it too.</summary>
    private Task<long> WatchPositionAsync() => Watch.WatchPositions.SlowestAsync(store);

    /// <summary>
    /// Streams before the documents that find them: a pass that dies half-way leaves the views that lead the next pass to
    /// the streams still stored.
    /// </summary>
    private async Task ErasePassAsync(string runnerId)
    {
        List<string> recommendations, deliveries, shares;
        List<Guid> imports;
        await using (var query = store.QuerySession())
        {
            recommendations = [.. await query.Query<RecommendationView>().Where(r => r.RunnerId == runnerId).Select(r => r.Id)
                .ToListAsync()];
            deliveries = [.. await query.Query<WebhookDelivery>().Where(d => d.RunnerId == runnerId).Select(d => d.Id).ToListAsync()];
            imports = [.. await query.Query<RunImport>().Where(i => i.RunnerId == runnerId).Select(i => i.Id).ToListAsync()];
            shares = [.. await SharingErasure.StreamsAsync(query, runnerId)];
        }

        // Jobs first: a delivery job that found its recommendation gone would only stop, but its arguments would stay.
        await EraseJobsAsync([.. recommendations, .. deliveries, .. imports.Select(id => id.ToString())]);
        foreach (var stream in recommendations.Prepend(runnerId).Concat(imports.Select(RunImports.StreamFor)).Concat(shares))
            await store.Advanced.Clean.DeleteSingleEventStreamAsync(stream);

        await using var session = store.LightweightSession();
        session.Delete<RunnerProfile>(runnerId);
        session.Delete<TrainingLoad>(runnerId);
        session.Delete<StretchEffectiveness>(runnerId);
        session.Delete<RecentPain>(runnerId);
        session.Delete<PainFacts>(runnerId);
        session.Delete<WebhookSubscription>(runnerId);
        session.Delete<CalendarFeed>(runnerId);
        session.Delete<SetAsideEvents>(runnerId);
        session.DeleteWhere<TrainingWeek>(x => x.RunnerId == runnerId);
        session.DeleteWhere<RunView>(x => x.RunnerId == runnerId);
        session.DeleteWhere<PainReportView>(x => x.RunnerId == runnerId);
        session.DeleteWhere<StretchSessionView>(x => x.RunnerId == runnerId);
        session.DeleteWhere<RecommendationView>(x => x.RunnerId == runnerId);
        session.DeleteWhere<WebhookDelivery>(x => x.RunnerId == runnerId);
        session.DeleteWhere<IdempotentResponse>(x => x.RunnerId == runnerId);
        // An import job still running finds its import gone at its next batch, and appends nothing more.
        session.DeleteWhere<RunImport>(x => x.RunnerId == runnerId);
        await SharingErasure.DeleteAsync(session, runnerId);
        RunImports.DeleteArchivesOf(session, runnerId);
        await session.SaveChangesAsync();
    }

    /// <summary>What a complete look finds of the runner still stored, by name; empty when nothing is. One round trip.</summary>
    private async Task<IReadOnlyList<string>> LeftOfAsync(string runnerId)
    {
        await using var query = store.QuerySession();
        var batch = query.CreateBatchQuery();
        var found = new (string Name, Task<bool> Found)[]
        {
            ("runs", batch.Query<RunView>().Where(x => x.RunnerId == runnerId).Any()),
            ("pain reports", batch.Query<PainReportView>().Where(x => x.RunnerId == runnerId).Any()),
            ("stretch sessions", batch.Query<StretchSessionView>().Where(x => x.RunnerId == runnerId).Any()),
            ("recommendations", batch.Query<RecommendationView>().Where(x => x.RunnerId == runnerId).Any()),
            ("training weeks", batch.Query<TrainingWeek>().Where(x => x.RunnerId == runnerId).Any()),
            ("webhook deliveries", batch.Query<WebhookDelivery>().Where(x => x.RunnerId == runnerId).Any()),
            ("kept answers", batch.Query<IdempotentResponse>().Where(x => x.RunnerId == runnerId).Any()),
            ("imports", batch.Query<RunImport>().Where(x => x.RunnerId == runnerId).Any()),
            ("profile", Exists(batch.Load<RunnerProfile>(runnerId))),
            ("training load", Exists(batch.Load<TrainingLoad>(runnerId))),
            ("stretch figures", Exists(batch.Load<StretchEffectiveness>(runnerId))),
            ("recent pain", Exists(batch.Load<RecentPain>(runnerId))),
            ("pain facts", Exists(batch.Load<PainFacts>(runnerId))),
            ("webhook", Exists(batch.Load<WebhookSubscription>(runnerId))),
            ("calendar feed", Exists(batch.Load<CalendarFeed>(runnerId))),
            ("set-aside events", Exists(batch.Load<SetAsideEvents>(runnerId))),
        }.Concat(SharingErasure.Left(batch, runnerId)).ToList();
        await batch.Execute();
        var left = new List<string>();
        foreach (var (name, task) in found)
            if (await task)
                left.Add(name);
        if (await query.Events.FetchStreamStateAsync(runnerId) is not null)
            left.Add("their log");
        return left;
    }

    private static async Task<bool> Exists<T>(Task<T?> load) where T : class => await load is not null;

    /// <summary>
    /// Hangfire keeps a job's arguments and every state it went through; deleting the job row takes its states and
    /// parameters with it (cascading keys), and the queue and schedule entries are removed alongside.
    /// </summary>
    private async Task<int> EraseJobsAsync(IReadOnlyList<string> ids)
    {
        if (ids.Count == 0)
            return 0;
        const string schema = JobsConfiguration.SchemaName;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var find = new NpgsqlCommand($"""
            select id from {schema}.job where arguments::text like any(@patterns)
            """, connection);
        // Recommendation ids have a fixed length (rec~ and 32 hex digits), so one cannot be a part of another's; a
        // delivery id holds its recommendation's id, and both belong to this runner.
        find.Parameters.AddWithValue("patterns", ids.Select(id => "%" + EscapeLike(id) + "%").ToArray());
        var jobIds = new List<long>();
        await using (var reader = await find.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                jobIds.Add(reader.GetInt64(0));
        if (jobIds.Count == 0)
            return 0;

        await using var delete = new NpgsqlCommand($"""
            delete from {schema}.jobqueue where jobid = any(@ids);
            delete from {schema}.set where key in ('schedule', 'retries') and value = any(@texts);
            delete from {schema}.job where id = any(@ids);
            """, connection);
        delete.Parameters.AddWithValue("ids", jobIds.ToArray());
        delete.Parameters.AddWithValue("texts", jobIds.Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToArray());
        await delete.ExecuteNonQueryAsync();
        return jobIds.Count;
    }

    private static string EscapeLike(string value) => value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}

/// <summary>The safety net: an erasure whose job was lost (the Worker was down when it was asked for) is started again.</summary>
public sealed class ResumeErasures(IDocumentStore store, IBackgroundJobClient jobs, TimeProvider clock)
{
    public const string RecurringJobId = "resume-erasures";

    public async Task RunAsync()
    {
        var before = clock.GetUtcNow() - TimeSpan.FromMinutes(1);
        await using var query = store.QuerySession();
        var pending = await query.Query<ErasureRequest>().Where(r => r.Status == ErasureStatus.Pending && r.RequestedAt < before)
            .Select(r => r.Id).ToListAsync();
        foreach (var key in pending)
            jobs.Enqueue<EraseRunner>(j => j.RunAsync(key));
    }
}
