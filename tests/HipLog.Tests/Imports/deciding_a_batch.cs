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

    private const string NotARun = "The FIT activity is not a run: its sport is cycling. HipLog logs running only.";

    /// <summary>A run, the same activity again, a cycling file and a run already logged, decided on in one batch.</summary>
    private static (RunImport Next, IReadOnlyList<RunLogged> Runs) FourFiles()
    {
        FileOutcome[] files = [new("a.gpx", [Run], null), new("b.gpx", [Run with { DistanceKm = 10.05 }], null),
            FileOutcome.Failed("c.fit", NotARun),
            new("d.gpx", [Run with { StartedAt = Start.AddDays(-1) }], null)];
        return ImportBatch.Decide(Import, files.Length, files, [Run with { StartedAt = Start.AddDays(-1) }], Guid.CreateVersion7);
    }

    [Fact]
    public void only_a_file_that_is_neither_a_duplicate_nor_refused_becomes_a_run()
    {
        FourFiles().Runs.Select(r => r.Run.StartedAt).ShouldBe([Start]);
    }

    [Fact]
    public void a_refused_file_is_named_with_its_reason()
    {
        FourFiles().Next.Failed.ShouldBe([new ImportFailure("c.fit", NotARun)]);
    }

    [Fact]
    public void the_progress_counts_each_kind_of_file()
    {
        var next = FourFiles().Next;

        next.ShouldBe(Import with { Processed = 4, Imported = 1, Duplicates = 2, Failed = next.Failed });
    }
}
