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

namespace HipLog.Worker.Imports;

/// <summary>
/// Imports an archive, a batch of files at a time: each batch's runs and the import's progress are saved in one
/// transaction, so a Worker stopped or killed half-way leaves a consistent log, and the job run again (Hangfire hands it
/// to another Worker, or <see cref="ResumeImports"/> starts it) carries on at the first file not yet dealt with. Only
/// one copy of the job works on an import at a time (<see cref="ImportArchives.TakeTurnAsync"/>). Imported runs are
/// history: they are RunLogged events like any other, which the training load counts, and the pain watch judges pain
/// reports only.
/// </summary>
public sealed class ImportRuns(IDocumentStore store, ImportArchives archives, TimeProvider clock, ImportSettings settings,
    ILogger<ImportRuns> logger)
{
    private const int MaxConflictRetries = 5;

    [AutomaticRetry(Attempts = 10)]
    public async Task RunAsync(Guid importId, CancellationToken ct)
    {
        await using var turn = await archives.TakeTurnAsync(importId, ct);
        if (turn is null)
            return;
        var (import, zone) = await LoadAsync(importId, ct);
        if (import is not { Status: RunImportStatus.Queued or RunImportStatus.Running })
            return;
        await using var archive = await archives.LoadAsync(importId, ct);
        if (archive is null)
        {
            await SaveAsync(Failed(import, [.. import.Failed, new ImportFailure("", "The archive is no longer stored.")]), [], ct);
            return;
        }

        var (zip, entries, reason) = Open(archive);
        if (zip is null || entries is null)
        {
            // The Api checked it on arrival: only a change of the limits since then gets here.
            await SaveAsync(Failed(import, [new ImportFailure("", reason!)]), [], ct);
            return;
        }

        using var _ = zip;
        if (await ImportAllAsync(import, zip, entries, zone, ct) is not { } finished)
        {
            logger.LogInformation("Import {ImportId} stopped: it was removed (the runner was erased)", importId);
            return;
        }

        logger.LogInformation("Import {ImportId} done: {Imported} imported, {Duplicates} duplicates, {Failed} failed",
            importId, finished.Imported, finished.Duplicates, finished.Failed.Count);
    }

    private static (ZipArchive? Zip, IReadOnlyList<ArchiveEntry>? Entries, string? Reason) Open(Stream archive)
    {
        ZipArchive? zip = null;
        try
        {
            zip = ActivityArchive.Open(archive);
            return (zip, ActivityArchive.Check(zip), null);
        }
        catch (ActivityArchiveException e)
        {
            zip?.Dispose();
            return (null, null, e.Message);
        }
    }

    private async Task<(RunImport? Import, TimeZoneInfo Zone)> LoadAsync(Guid importId, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        var import = await query.LoadAsync<RunImport>(importId, ct);
        return (import, LocalCalendar.ZoneOrUtc(import is null ? null
            : (await query.LoadAsync<RunnerProfile>(import.RunnerId, ct))?.TimeZone));
    }

    /// <returns>The import as it ended, or null when it was removed on the way.</returns>
    private async Task<RunImport?> ImportAllAsync(RunImport import, ZipArchive zip, IReadOnlyList<ArchiveEntry> entries, TimeZoneInfo zone,
        CancellationToken ct)
    {
        var (rows, names) = (ReadCsv(zip), GarminActivities.Read(zip));
        using var files = new ArchiveFiles(zip);
        RunImport? progress = import with { Status = RunImportStatus.Running };
        while (progress is not null && progress.Processed < entries.Count)
        {
            ct.ThrowIfCancellationRequested();
            var batch = entries.Skip(progress.Processed).Take(Math.Max(1, settings.BatchSize)).ToList();
            progress = await SaveBatchAsync(progress, batch.Count,
                ImportBatch.Read(files, batch, rows, progress.Choices, zone, clock.GetUtcNow(), progress.Inflated, names), ct);
        }

        if (progress is null)
            return null;
        // Done and the archive gone in one transaction: a stop in between can leave neither a done import's archive nor a
        // running import without one.
        var done = progress with { Status = RunImportStatus.Done, CompletedAt = clock.GetUtcNow() };
        await SaveAsync(done, [], ct, deleteArchive: true);
        return done;
    }

    /// <summary>
    /// Appends the batch's new runs and the progress in one transaction. A write of the runner's own that lands
    /// first makes the append conflict: the batch is judged again against the log as it now stands.
    /// </summary>
    /// <returns>The import as saved, or null when it no longer exists.</returns>
    private async Task<RunImport?> SaveBatchAsync(RunImport import, int count, IReadOnlyList<FileOutcome> files, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            // The erasure of the runner removes the import first: from then on, nothing more is appended.
            if (await session.LoadAsync<RunImport>(import.Id, ct) is null)
                return null;
            var (next, runs) = ImportBatch.Decide(import, count, files, await LoggedAsync(session, import.RunnerId, files, ct),
                Guid.CreateVersion7);
            try
            {
                await SaveAsync(session, next, runs, ct);
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

    /// <summary>The runs already logged whose start falls within the batch's: the only ones a file of it could duplicate.</summary>
    private static async Task<IReadOnlyList<RunDetails>> LoggedAsync(IQuerySession session, string runnerId,
        IReadOnlyList<FileOutcome> files,
        CancellationToken ct)
    {
        var starts = files.SelectMany(f => f.Runs).Select(r => r.StartedAt).ToList();
        if (starts.Count == 0)
            return [];
        var (first, until) = RunLog.SecondsOf(starts);
        return await session.Query<RunView>().Where(v => v.RunnerId == runnerId && v.OccurredAt >= first && v.OccurredAt < until)
            .Select(v => v.Run).ToListAsync(ct);
    }

    private RunImport Failed(RunImport import, IReadOnlyList<ImportFailure> failed) =>
        import with { Status = RunImportStatus.Failed, Failed = failed, CompletedAt = clock.GetUtcNow() };

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
            using var csv = ActivityArchive.Read(zip, entry.FullName, gzipped: false);
            return ActivitiesCsv.Read(Encoding.UTF8.GetString(csv.GetBuffer(), 0, (int)csv.Length));
        }
        catch (ActivityFileException)
        {
            // A CSV too large or unreadable adds nothing: the files still say what they hold.
            return [];
        }
    }
}
