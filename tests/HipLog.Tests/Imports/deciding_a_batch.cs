using HipLog.Domain.Imports;
using HipLog.Domain.Runs;

namespace HipLog.Tests.Imports;

/// <summary>A batch of an archive's files decided on, without a database.</summary>
public sealed class deciding_a_batch
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);
    private static readonly RunDetails Run = new(10, 3000, null, null, "Morning", null, null, Start);
    private static readonly RunImport Import = new(Guid.NewGuid(), "alice", RunImportStatus.Running, 4, 0, 0, 0, [], new ImportChoices(),
        Start);

    [Fact]
    public void each_file_is_a_run_a_duplicate_or_a_reason_and_the_progress_counts_them()
    {
        FileOutcome[] files = [new("a.gpx", Run, null), new("b.gpx", Run with { DistanceKm = 10.05 }, null),
            new("c.fit", null, ImportBatch.FitNotRead),
            new("d.gpx", Run with { StartedAt = Start.AddDays(-1) }, null)];

        var (next, runs) = ImportBatch.Decide(Import, files.Length, files, [Run with { StartedAt = Start.AddDays(-1) }],
            Guid.CreateVersion7);

        runs.Select(r => r.Run.StartedAt).ShouldBe([Start]);
        next.ShouldBe(Import with { Processed = 4, Imported = 1, Duplicates = 2, Failed = next.Failed });
        next.Failed.ShouldBe([new ImportFailure("c.fit", ImportBatch.FitNotRead)]);
    }
}
