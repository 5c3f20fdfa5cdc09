using HipLog.Domain.Imports;
using HipLog.Domain.Runs;
using HipLog.Domain.Trends;
using HipLog.Tests.Support;
using static HipLog.Tests.Imports.ActivityFileSamples;

namespace HipLog.Tests.Imports;

/// <summary>The run a file becomes when it is imported with no choices made: its start, its route name and its load.</summary>
public sealed class turning_a_file_into_a_run
{
    [Fact]
    public void an_imported_run_starts_on_the_clock_of_the_runners_zone()
    {
        var run = Imported();

        run.StartedAt.ShouldBe(Start);
        run.StartedAt.Offset.ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public void an_imported_run_takes_the_files_route_name()
    {
        Imported().RouteName.ShouldBe("Riverside loop");
    }

    [Fact]
    public void an_imported_run_without_an_effort_counts_no_load()
    {
        var run = Imported();

        (run.PerceivedEffort, run.Surface).ShouldBe((null, null));
        run.SessionLoad.ShouldBe(0);
        RunEntry.From(Guid.NewGuid(), run, Berlin).Load.ShouldBe(0);
        (run with { PerceivedEffort = 6 }).SessionLoad.ShouldBe(60);
    }

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>A ten-minute file imported with no choices made, for a runner in Berlin.</summary>
    private static RunDetails Imported()
    {
        var file = ActivityFiles.Read(new MemoryStream(Tracks.Utf8(Tracks.Gpx(Start, Tracks.Meridian(601, 0.00003)))), ActivityFormat.Gpx);
        return ImportedRun.From(TrackSummary.Of(file), file, new ImportChoices(), Berlin);
    }
}
