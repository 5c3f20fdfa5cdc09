using Hangfire;
using HipLog.Domain.CalendarFeeds;
using HipLog.Domain.DataRights;
using HipLog.Domain.Imports;
using HipLog.Domain.Pain;
using HipLog.Domain.Profiles;
using HipLog.Domain.Runs;
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
/// Erases a runner whose erasure is pending: their event stream and their recommendations' streams are deleted (not
/// masked or archived: a masked event still tells when a pain report was made, and an archived one is still stored),
/// every document derived from them goes, and so do the Hangfire jobs that name their recommendations or deliveries,
/// with the jobs' arguments, states and parameters. Every step can run again, so a job that dies half-way is simply
/// run again by Hangfire, and the sweep below starts one for any erasure left pending.
/// </summary>
public sealed class EraseRunner(IDocumentStore store, TimeProvider clock, ILogger<EraseRunner> logger)
{
    /// <summary>A write that was already under way when the erasure was asked for can land after the first pass.</summary>
    private const int MaxPasses = 5;

    [AutomaticRetry(Attempts = 10)]
    public async Task RunAsync(string key)
    {
        ErasureRequest? request;
        await using (var query = store.QuerySession())
            request = await query.LoadAsync<ErasureRequest>(key);
        if (request is not { Status: ErasureStatus.Pending, RunnerId: { } runnerId })
            return;

        var passes = 0;
        while (passes++ < MaxPasses && await ErasePassAsync(runnerId) > 0)
        {
        }

        await using var session = store.LightweightSession();
        session.Store(request with { RunnerId = null, Status = ErasureStatus.Done, CompletedAt = clock.GetUtcNow() });
        await session.SaveChangesAsync();
        logger.LogInformation("Erasure {ErasureKey} done in {Passes} passes", key, passes);
    }

    /// <returns>How many streams and jobs this pass found: 0 means nothing was left.</returns>
    private async Task<int> ErasePassAsync(string runnerId)
    {
        await using var session = store.LightweightSession();
        var recommendations = await session.Query<RecommendationView>().Where(r => r.RunnerId == runnerId).Select(r => r.Id).ToListAsync();
        var deliveries = await session.Query<WebhookDelivery>().Where(d => d.RunnerId == runnerId).Select(d => d.Id).ToListAsync();
        var imports = await session.Query<RunImport>().Where(i => i.RunnerId == runnerId).Select(i => i.Id).ToListAsync();
        var ownStream = await session.Events.FetchStreamStateAsync(runnerId) is not null;

        // Jobs first: a delivery job that found its recommendation gone would only stop, but its arguments would stay.
        var jobs = await EraseJobsAsync([.. recommendations, .. deliveries, .. imports.Select(id => id.ToString())]);

        session.Delete<RunnerProfile>(runnerId);
        session.Delete<TrainingLoad>(runnerId);
        session.Delete<StretchEffectiveness>(runnerId);
        session.Delete<WebhookSubscription>(runnerId);
        session.Delete<CalendarFeed>(runnerId);
        session.DeleteWhere<TrainingWeek>(x => x.RunnerId == runnerId);
        session.DeleteWhere<RunView>(x => x.RunnerId == runnerId);
        session.DeleteWhere<PainReportView>(x => x.RunnerId == runnerId);
        session.DeleteWhere<StretchSessionView>(x => x.RunnerId == runnerId);
        session.DeleteWhere<RecommendationView>(x => x.RunnerId == runnerId);
        session.DeleteWhere<WebhookDelivery>(x => x.RunnerId == runnerId);
        session.DeleteWhere<IdempotentResponse>(x => x.RunnerId == runnerId);
        // An import job still running finds its import gone at its next batch, and appends nothing more.
        session.DeleteWhere<RunImport>(x => x.RunnerId == runnerId);
        RunImports.DeleteArchivesOf(session, runnerId);
        await session.SaveChangesAsync();

        foreach (var stream in recommendations.Prepend(runnerId).Concat(imports.Select(RunImports.StreamFor)))
            await store.Advanced.Clean.DeleteSingleEventStreamAsync(stream);

        return recommendations.Count + deliveries.Count + imports.Count + jobs + (ownStream ? 1 : 0);
    }

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
