using System.IO.Compression;
using HipLog.Domain.Runs;

namespace HipLog.Domain.Imports;

/// <summary>
/// What one file of an archive makes: its runs (one, or one per running session of a FIT file), or the reason it makes none.
/// </summary>
/// <param name="Inflated">The bytes the file unpacked to, counted against the archive's total.</param>
public sealed record FileOutcome(string File, IReadOnlyList<RunDetails> Runs, string? Reason, long Inflated = 0)
{
    public static FileOutcome Failed(string file, string reason) => new(file, [], reason);
}

/// <summary>
/// A batch of an archive's files, read and decided on: each file becomes a run as a single import makes it, or a
/// duplicate of a run already logged (in the log, or earlier in the same archive), or a reason it makes none.
/// </summary>
public static class ImportBatch
{
    /// <summary>Files read and parsed at once: each holds one file's bytes and its points, so this bounds the job's memory.</summary>
    public const int Readers = 2;

    /// <summary>
    /// Each of <see cref="Readers"/> threads takes one file at a time: it reads the entry (the archive one entry at a
    /// time, under a lock, since a ZIP is one stream) and parses it before it takes the next. A batch of large files
    /// costs at most two files' worth of memory, never the whole batch's.
    /// </summary>
    /// <param name="inflated">The bytes the archive's files read so far unpacked to: once they pass
    /// <see cref="ActivityArchive.MaxTotalBytes"/>, the files left fail with the reason.</param>
    /// <param name="names">Activity names by start (Unix seconds), from Garmin's summarizedActivities.json.</param>
    public static IReadOnlyList<FileOutcome> Read(ArchiveFiles zip, IReadOnlyList<ArchiveEntry> batch, IReadOnlyList<CsvActivity> rows,
        ImportChoices defaults, TimeZoneInfo zone, DateTimeOffset now, long inflated = 0, IReadOnlyDictionary<long, string>? names = null)
    {
        var outcomes = new FileOutcome[batch.Count];
        var archive = new object();
        Parallel.For(0, batch.Count, new ParallelOptions { MaxDegreeOfParallelism = Readers }, i =>
        {
            (ArchiveEntry Entry, MemoryStream? Bytes, string? Error) raw;
            lock (archive)
            {
                raw = inflated > ActivityArchive.MaxTotalBytes ? (batch[i], null, TooMuch) : Unpack(zip, batch[i]);
                inflated += raw.Bytes?.Length ?? 0;
            }

            using (raw.Bytes)
                outcomes[i] = Parse(raw.Entry, raw.Bytes, raw.Error, rows, defaults, zone, now, names ?? Unnamed)
                    with { Inflated = raw.Bytes?.Length ?? 0 };
        });
        return outcomes;
    }

    private static readonly string TooMuch = $"The archive unpacks to more than {ActivityArchive.MaxTotalBytes / (1024 * 1024 * 1024)} " +
        "GB: this file and the ones after it are not read.";

    /// <summary>The runs a batch adds, and the import as its progress then stands.</summary>
    /// <param name="logged">The runs already in the log that could be the same activities (their starts fall within the batch's).</param>
    public static (RunImport Next, IReadOnlyList<RunLogged> Runs) Decide(RunImport import, int count, IReadOnlyList<FileOutcome> files,
        IReadOnlyList<RunDetails> logged, Func<Guid> newRunId)
    {
        var known = new List<RunDetails>(logged);
        var (runs, duplicates, failed) = (new List<RunLogged>(), 0, new List<ImportFailure>(import.Failed));
        foreach (var (file, fileRuns, reason, _) in files)
        {
            if (reason is not null)
                failed.Add(new ImportFailure(file, reason));
            foreach (var run in fileRuns)
            {
                if (RunLog.Import(import.RunnerId, newRunId(), run, known) is { } added)
                {
                    known.Add(run);
                    runs.Add(added);
                }
                else
                    duplicates++;
            }
        }

        return (import with
        {
            Processed = import.Processed + count, Imported = import.Imported + runs.Count, Duplicates = import.Duplicates + duplicates,
                Failed = failed, Inflated = import.Inflated + files.Sum(f => f.Inflated),
        }, runs);
    }

    private static readonly Dictionary<long, string> Unnamed = [];

    private static (ArchiveEntry Entry, MemoryStream? Bytes, string? Error) Unpack(ArchiveFiles zip, ArchiveEntry entry)
    {
        try
        {
            return (entry, zip.Read(entry), null);
        }
        catch (ActivityFileException e)
        {
            return (entry, null, e.Message);
        }
    }

    private static FileOutcome Parse(ArchiveEntry entry, MemoryStream? bytes, string? error, IReadOnlyList<CsvActivity> rows,
        ImportChoices defaults, TimeZoneInfo zone, DateTimeOffset now, IReadOnlyDictionary<long, string> names)
    {
        if (bytes is null)
            return FileOutcome.Failed(entry.Path, error!);
        var row = ActivitiesCsv.For(rows, entry);
        if (row is { IsRun: false })
            return FileOutcome.Failed(entry.Path, $"A {row.Type} is not a run: HipLog logs runs.");
        try
        {
            var choices = row?.Over(defaults) ?? defaults;
            var runs = ActivityFiles.Tracks(bytes, entry.Format).Select(t => ImportedRun.From(t, choices, zone))
                .Select(r => r.RouteName is null ? r with { RouteName = GarminActivities.NameAt(names, r.StartedAt) } : r).ToList();
            return runs.Select(r => ImportedRun.Refusal(r, now)).FirstOrDefault(r => r is not null) is { } refusal
                ? FileOutcome.Failed(entry.Path, refusal)
                : new FileOutcome(entry.Path, runs, null);
        }
        catch (ActivityFileException e)
        {
            return FileOutcome.Failed(entry.Path, e.Message);
        }
    }
}
