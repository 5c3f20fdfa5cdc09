using System.IO.Compression;
using System.Text;
using Hangfire;
using HipLog.Domain.Imports;
using HipLog.Domain.Profiles;
using HipLog.Domain.Runs;
using HipLog.Domain.Storage;
using HipLog.Domain.Time;
using Marten;
using Marten.Exceptions;
using Npgsql;

namespace HipLog.Worker.Imports;

/// <summary>
/// Imports an archive, a batch of files at a time: each batch's runs and the import's progress are saved in one
/// transaction, so a Worker stopped or killed half-way leaves a consistent log, and the job run again (Hangfire hands it
/// to another Worker, or the sweep below starts it) carries on at the first file not yet dealt with. Only one copy of
/// the job works on an import at a time (a PostgreSQL advisory lock on its id). Imported runs are history: they are
/// RunLogged events like any other, which the training load counts, and the pain watch judges pain reports only.
/// </summary>
public sealed class ImportRuns(IDocumentStore store, TimeProvider clock, ImportSettings settings, ILogger<ImportRuns> logger)
{
    private const int MaxConflictRetries = 5;

    [AutomaticRetry(Attempts = 10)]
    public async Task RunAsync(Guid importId, CancellationToken ct)
    {
        await using var turn = await TakeTurnAsync(importId, ct);
        if (turn is null)
            return;

        RunImport? import;
        await using (var query = store.QuerySession())
            import = await query.LoadAsync<RunImport>(importId, ct);
        if (import is null or { Status: RunImportStatus.Done or RunImportStatus.Failed })
            return;

        var archive = await LoadArchiveAsync(importId, ct);
        if (archive is null)
        {
            await SaveAsync(import with
            {
                Status = RunImportStatus.Failed, Failed = [.. import.Failed, new ImportFailure("", "The archive is no longer stored.")], CompletedAt = clock.GetUtcNow(),
            }, [], ct);
            return;
        }

        using var zip = new ZipArchive(new MemoryStream(archive), ZipArchiveMode.Read);
        IReadOnlyList<ArchiveEntry> entries;
        try
        {
            entries = ActivityArchive.Check(zip);
        }
        catch (ActivityArchiveException e)
        {
            // The Api checked it on arrival: only a change of the limits since then gets here.
            await SaveAsync(import with { Status = RunImportStatus.Failed, Failed = [new ImportFailure("", e.Message)], CompletedAt = clock.GetUtcNow() }, [], ct);
            return;
        }

        var rows = ReadCsv(zip);
        TimeZoneInfo zone;
        await using (var query = store.QuerySession())
            zone = LocalCalendar.ZoneOrUtc((await query.LoadAsync<RunnerProfile>(import.RunnerId, ct))?.TimeZone);

        import = import with { Status = RunImportStatus.Running };
        while (import.Processed < entries.Count)
        {
            ct.ThrowIfCancellationRequested();
            var batch = entries.Skip(import.Processed).Take(Math.Max(1, settings.BatchSize)).ToList();
            var files = Read(zip, batch, rows, import.Choices, zone);
            import = await SaveBatchAsync(import, batch.Count, files, ct);
            if (import is null)
            {
                logger.LogInformation("Import {ImportId} stopped: it was removed (the runner was erased)", importId);
                return;
            }
        }

        // Done and the archive gone in one transaction: a stop in between can leave neither a done import's archive nor a
        // running import without one.
        await SaveAsync(import with { Status = RunImportStatus.Done, CompletedAt = clock.GetUtcNow() }, [], ct, deleteArchive: true);
        logger.LogInformation("Import {ImportId} done: {Imported} imported, {Duplicates} duplicates, {Failed} failed",
            importId, import.Imported, import.Duplicates, import.Failed.Count);
    }

    /// <summary>What each file of a batch makes: a run, or the reason it makes none. Files are parsed in parallel; the archive is read in turn.</summary>
    private IReadOnlyList<(string File, RunDetails? Run, string? Reason)> Read(ZipArchive zip, IReadOnlyList<ArchiveEntry> batch,
        IReadOnlyList<CsvActivity> rows, ImportChoices defaults, TimeZoneInfo zone)
    {
        var raw = batch.Select(entry =>
        {
            try
            {
                return (entry, Bytes: entry.Format is null ? null : ActivityArchive.Read(zip, entry), Error: (string?)null);
            }
            catch (ActivityFileException e)
            {
                return (entry, Bytes: null, Error: e.Message);
            }
        }).ToList();

        var now = clock.GetUtcNow();
        var results = new (string, RunDetails?, string?)[raw.Count];
        Parallel.For(0, raw.Count, i =>
        {
            var (entry, bytes, error) = raw[i];
            results[i] = (entry.Name, null, error ?? (entry.Format is null ? "FIT files are not read: export the activity as GPX or TCX." : null));
            if (bytes is null)
                return;
            var row = ActivitiesCsv.For(rows, entry);
            if (row is { IsRun: false })
            {
                results[i] = (entry.Name, null, $"A {row.Type} is not a run: HipLog logs runs.");
                return;
            }

            try
            {
                var file = ActivityFiles.Read(new MemoryStream(bytes), entry.Format!.Value);
                var run = ImportedRun.From(TrackSummary.Of(file), file, row?.Over(defaults) ?? defaults, zone);
                results[i] = ImportedRun.Refusal(run, now) is { } refusal ? (entry.Name, null, refusal) : (entry.Name, run, null);
            }
            catch (ActivityFileException e)
            {
                results[i] = (entry.Name, null, e.Message);
            }
        });
        return results;
    }

    /// <summary>
    /// Appends the batch's new runs and the progress in one transaction. A write of the runner's own that lands
    /// first makes the append conflict: the batch is judged again against the log as it now stands.
    /// </summary>
    /// <returns>The import as saved, or null when it no longer exists.</returns>
    private async Task<RunImport?> SaveBatchAsync(RunImport import, int count, IReadOnlyList<(string File, RunDetails? Run, string? Reason)> files,
        CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            // The erasure of the runner removes the import first: from then on, nothing more is appended.
            if (await session.LoadAsync<RunImport>(import.Id, ct) is null)
                return null;
            var starts = files.Where(f => f.Run is not null).Select(f => f.Run!.StartedAt).ToList();
            var known = new List<RunDetails>();
            if (starts.Count > 0)
            {
                var (first, last) = (starts.Min(), starts.Max());
                known.AddRange(await session.Query<RunView>()
                    .Where(v => v.RunnerId == import.RunnerId && v.OccurredAt >= first && v.OccurredAt <= last)
                    .Select(v => v.Run).ToListAsync(ct));
            }

            var (imported, duplicates, failed) = (0, 0, new List<ImportFailure>(import.Failed));
            var events = new List<object>();
            foreach (var (file, run, reason) in files)
            {
                if (run is null)
                    failed.Add(new ImportFailure(file, reason!));
                else if (known.Any(k => RunLog.IsSameActivity(k, run)))
                    duplicates++;
                else
                {
                    known.Add(run);
                    events.Add(new RunLogged(import.RunnerId, Guid.CreateVersion7(), run));
                    imported++;
                }
            }

            var next = import with
            {
                Processed = import.Processed + count, Imported = import.Imported + imported, Duplicates = import.Duplicates + duplicates, Failed = failed,
            };
            try
            {
                await SaveAsync(session, next, events, ct);
                return next;
            }
            catch (NonExistentDocumentException)
            {
                return null;
            }
            catch (Exception e) when (attempt < MaxConflictRetries && StreamConflict.Is(e))
            {
                logger.LogInformation("Import {ImportId}: the runner wrote meanwhile; the batch is judged again", import.Id);
            }
        }
    }

    private async Task SaveAsync(RunImport import, IReadOnlyList<object> events, CancellationToken ct, bool deleteArchive = false)
    {
        await using var session = store.LightweightSession();
        if (deleteArchive)
            RunImports.DeleteArchive(session, import.Id);
        try
        {
            await SaveAsync(session, import, events, ct);
        }
        catch (NonExistentDocumentException)
        {
        }
    }

    /// <summary>Update, not store: an import the erasure removed meanwhile is not brought back, and its runs are not appended.</summary>
    private static async Task SaveAsync(IDocumentSession session, RunImport import, IReadOnlyList<object> events, CancellationToken ct)
    {
        session.Update(import);
        if (events.Count > 0)
            session.Events.Append(import.RunnerId, events);
        await session.SaveChangesAsync(ct);
    }

    private static IReadOnlyList<CsvActivity> ReadCsv(ZipArchive zip)
    {
        if (ActivityArchive.Csv(zip) is not { } entry)
            return [];
        try
        {
            var bytes = ActivityArchive.Read(zip, new ArchiveEntry(entry.FullName, null, false));
            return ActivitiesCsv.Read(Encoding.UTF8.GetString(bytes));
        }
        catch (ActivityFileException)
        {
            // A CSV too large or unreadable adds nothing: the files still say what they hold.
            return [];
        }
    }

    private async Task<byte[]?> LoadArchiveAsync(Guid importId, CancellationToken ct)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var select = new NpgsqlCommand($"select content from {RunImports.Archives(store)} where import_id = @id", connection);
        select.Parameters.AddWithValue("id", importId);
        return await select.ExecuteScalarAsync(ct) as byte[];
    }

    /// <summary>A session-level advisory lock on the import, held on its own connection for as long as the job runs (a dead Worker's goes with its connection).</summary>
    private async Task<NpgsqlConnection?> TakeTurnAsync(Guid importId, CancellationToken ct)
    {
        var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var take = new NpgsqlCommand("select pg_try_advisory_lock(@key)", connection);
        take.Parameters.AddWithValue("key", BitConverter.ToInt64(importId.ToByteArray(), 8));
        if ((bool)(await take.ExecuteScalarAsync(ct))!)
            return connection;
        await connection.DisposeAsync();
        return null;
    }
}

/// <summary>"Imports" section.</summary>
public sealed class ImportSettings
{
    public const string Section = "Imports";

    /// <summary>Files per transaction: large enough that a commit is a small part of the time, small enough to lose little on a stop.</summary>
    public int BatchSize { get; set; } = 100;
}

/// <summary>
/// The safety net: an import whose job was lost (no Worker heard of it, or its retries ran out) is started again; one
/// still unfinished a day after it was asked for is given up, marked failed, and its archive deleted.
/// </summary>
public sealed class ResumeImports(IDocumentStore store, IBackgroundJobClient jobs, TimeProvider clock)
{
    public const string RecurringJobId = "resume-imports";

    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(1);

    public async Task RunAsync()
    {
        var now = clock.GetUtcNow();
        var before = now - TimeSpan.FromMinutes(1);
        await using var session = store.LightweightSession();
        var unfinished = await session.Query<RunImport>()
            .Where(i => (i.Status == RunImportStatus.Queued || i.Status == RunImportStatus.Running) && i.RequestedAt < before)
            .ToListAsync();
        foreach (var import in unfinished)
        {
            if (import.RequestedAt < now - GiveUpAfter)
            {
                session.Update(import with
                {
                    Status = RunImportStatus.Failed, CompletedAt = now,
                    Failed = [.. import.Failed, new ImportFailure("", "The import stopped and could not be resumed within a day.")],
                });
                RunImports.DeleteArchive(session, import.Id);
            }
            else
                jobs.Enqueue<ImportRuns>(j => j.RunAsync(import.Id, CancellationToken.None));
        }

        await session.SaveChangesAsync();
    }
}
