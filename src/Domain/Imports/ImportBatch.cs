using System.IO.Compression;
using HipLog.Domain.Runs;

namespace HipLog.Domain.Imports;

/// <summary>What one file of an archive makes: a run, or the reason it makes none.</summary>
public sealed record FileOutcome(string File, RunDetails? Run, string? Reason);

/// <summary>
/// A batch of an archive's files, read and decided on: each file becomes a run as a single import makes it, or a
/// duplicate of a run already logged (in the log, or earlier in the same archive), or a reason it makes none.
/// </summary>
public static class ImportBatch
{
    public const string FitNotRead = "FIT files are not read: export the activity as GPX or TCX.";

    /// <summary>Files are parsed in parallel; the archive itself is read one entry at a time.</summary>
    public static IReadOnlyList<FileOutcome> Read(ZipArchive zip, IReadOnlyList<ArchiveEntry> batch, IReadOnlyList<CsvActivity> rows,
        ImportChoices defaults, TimeZoneInfo zone, DateTimeOffset now)
    {
        var raw = batch.Select(entry => Unpack(zip, entry)).ToList();
        var outcomes = new FileOutcome[raw.Count];
        Parallel.For(0, raw.Count, i => outcomes[i] = Parse(raw[i].Entry, raw[i].Bytes, raw[i].Error, rows, defaults, zone, now));
        return outcomes;
    }

    /// <summary>The runs a batch adds, and the import as its progress then stands.</summary>
    /// <param name="logged">The runs already in the log that could be the same activities (their starts fall within the batch's).</param>
    public static (RunImport Next, IReadOnlyList<RunLogged> Runs) Decide(RunImport import, int count, IReadOnlyList<FileOutcome> files,
        IReadOnlyList<RunDetails> logged, Func<Guid> newRunId)
    {
        var known = new List<RunDetails>(logged);
        var (runs, duplicates, failed) = (new List<RunLogged>(), 0, new List<ImportFailure>(import.Failed));
        foreach (var (file, run, reason) in files)
        {
            if (run is null)
                failed.Add(new ImportFailure(file, reason!));
            else if (RunLog.Import(import.RunnerId, newRunId(), run, known) is { } added)
            {
                known.Add(run);
                runs.Add(added);
            }
            else
                duplicates++;
        }

        return (import with
        {
            Processed = import.Processed + count, Imported = import.Imported + runs.Count, Duplicates = import.Duplicates + duplicates,
                Failed = failed,
        }, runs);
    }

    private static (ArchiveEntry Entry, byte[]? Bytes, string? Error) Unpack(ZipArchive zip, ArchiveEntry entry)
    {
        try
        {
            return (entry, entry.Format is null ? null : ActivityArchive.Read(zip, entry), null);
        }
        catch (ActivityFileException e)
        {
            return (entry, null, e.Message);
        }
    }

    private static FileOutcome Parse(ArchiveEntry entry, byte[]? bytes, string? error, IReadOnlyList<CsvActivity> rows,
        ImportChoices defaults,
        TimeZoneInfo zone, DateTimeOffset now)
    {
        if (bytes is null)
            return new FileOutcome(entry.Name, null, error ?? (entry.Format is null ? FitNotRead : null));
        var row = ActivitiesCsv.For(rows, entry);
        if (row is { IsRun: false })
            return new FileOutcome(entry.Name, null, $"A {row.Type} is not a run: HipLog logs runs.");
        try
        {
            var file = ActivityFiles.Read(new MemoryStream(bytes), entry.Format!.Value);
            var run = ImportedRun.From(TrackSummary.Of(file), file, row?.Over(defaults) ?? defaults, zone);
            return ImportedRun.Refusal(run, now) is { } refusal ? new FileOutcome(entry.Name, null, refusal)
                : new FileOutcome(entry.Name, run, null);
        }
        catch (ActivityFileException e)
        {
            return new FileOutcome(entry.Name, null, e.Message);
        }
    }
}
