using Hangfire;
using HipLog.Domain.Imports;
using Marten;

namespace HipLog.Worker.Imports;

/// <summary>"Imports" section.</summary>
public sealed class ImportSettings
{
    public const string Section = "Imports";

    /// <summary>Files per transaction: large enough that a commit is a small part of the time, small enough to lose little on a
    /// stop.</summary>
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
