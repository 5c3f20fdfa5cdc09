using HipLog.Domain.Imports;
using HipLog.Tests.Support;
using static HipLog.Tests.Imports.ActivityFileSamples;

namespace HipLog.Tests.Imports;

/// <summary>A TCX file's distance: its lap's if it gives one, else along its points, or the metres a treadmill counted.</summary>
public sealed class reading_tcx_files
{
    [Fact]
    public void a_tcx_track_without_a_lap_distance_is_measured_along_its_points()
    {
        var track = Summary(Tracks.Tcx(Start, TwentyMinutes, lapMetres: null), ActivityFormat.Tcx);

        track.DistanceKm.ShouldBe(0.018 * Tracks.KmPerDegree, 0.001);
        track.MovingSeconds.ShouldBe(1200);
    }

    [Fact]
    public void a_tcx_lap_distance_is_preferred_to_the_track()
    {
        Summary(Tracks.Tcx(Start, TwentyMinutes, lapMetres: 2050), ActivityFormat.Tcx).DistanceKm.ShouldBe(2.05);
    }

    [Fact]
    public void a_treadmill_run_counts_its_own_metres()
    {
        var metres = TwentyMinutes.Select((_, i) => i * 5.0).ToArray();

        var treadmill = Summary(Tracks.Tcx(Start, TwentyMinutes, lapMetres: null, withPositions: false, pointMetres: metres),
            ActivityFormat.Tcx);

        (treadmill.DistanceKm, treadmill.MovingSeconds).ShouldBe((3.0, 1200));
    }

    private static readonly List<Fix> TwentyMinutes = Tracks.Meridian(601, 0.00003, every: 2);
}
