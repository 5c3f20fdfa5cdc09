using HipLog.Domain.Imports;
using HipLog.Tests.Support;
using static HipLog.Tests.Imports.ActivityFileSamples;

namespace HipLog.Tests.Imports;

/// <summary>A track's distance along the great circles between its points, its moving time, and its elevation gain.</summary>
public sealed class measuring_a_track
{
    [Fact]
    public void a_track_along_a_meridian_measures_what_the_degrees_say()
    {
        // 3,001 points 0.00003° apart: 0.09° of latitude, 10.0075 km on a 6,371 km sphere (0.09 × 6371 × π / 180).
        var summary = Summary(Tracks.Gpx(Start, Tracks.Meridian(3001, 0.00003, every: 1)), ActivityFormat.Gpx);

        summary.DistanceKm.ShouldBe(0.09 * Tracks.KmPerDegree, 0.005 * 0.09 * Tracks.KmPerDegree);
        summary.DistanceKm.ShouldBe(10.0075, 0.01);
        summary.MovingSeconds.ShouldBe(3000);
        summary.StartedAt.ShouldBe(Start);
        summary.ElevationGainM.ShouldBeNull();
    }

    [Fact]
    public void haversine_agrees_with_the_arc_of_a_meridian()
    {
        TrackSummary.HaversineM(0, 0, 1, 0).ShouldBe(Tracks.KmPerDegree * 1000, 0.001);
    }

    [Fact]
    public void haversine_agrees_with_the_arc_of_the_equator()
    {
        TrackSummary.HaversineM(0, 10, 0, 11).ShouldBe(Tracks.KmPerDegree * 1000, 0.001);
    }

    [Fact]
    public void haversine_halves_a_degree_of_longitude_at_60_north()
    {
        // Near enough: a great circle cuts the parallel a little short.
        TrackSummary.HaversineM(60, 0, 60, 1).ShouldBe(Tracks.KmPerDegree * 500, 5);
    }

    [Fact]
    public void a_stop_longer_than_ten_seconds_is_not_moving_time_but_a_slow_stretch_or_a_gap_while_moving_is()
    {
        var fixes = new List<Fix>();
        // 600 s running north at 3.3 m/s...
        fixes.AddRange(Tracks.Meridian(601, 0.00003, every: 1));
        var last = fixes[^1];
        // ...a 90 s stop at a crossing (the watch keeps recording the same place)...
        fixes.Add(last with { Seconds = last.Seconds + 90 });
        // ...a 30 s gap in the signal while running on (100 m: 3.3 m/s, moving)...
        fixes.Add(new Fix(last.Seconds + 120, last.Lat + 0.0009, 0));
        // ...and an 8 s standstill, too short to count as a pause.
        fixes.Add(new Fix(last.Seconds + 128, last.Lat + 0.0009, 0));

        var summary = Summary(Tracks.Gpx(Start, fixes), ActivityFormat.Gpx);

        summary.MovingSeconds.ShouldBe(600 + 30 + 8);
        summary.DistanceKm.ShouldBe((0.018 + 0.0009) * Tracks.KmPerDegree, 0.001);
    }

    [Fact]
    public void elevation_gain_adds_every_climb_but_no_descent()
    {
        Summary(Tracks.Gpx(Start, UpAndDown), ActivityFormat.Gpx).ElevationGainM.ShouldBe(10 + 3 + 5);
    }

    [Fact]
    public void elevation_gain_is_read_from_tcx_altitudes_too()
    {
        Summary(Tracks.Tcx(Start, UpAndDown, lapMetres: null), ActivityFormat.Tcx).ElevationGainM.ShouldBe(18);
    }

    private static readonly List<Fix> UpAndDown = new double[] { 100, 110, 105, 108, 108, 90, 95 }
        .Select((h, i) => new Fix(i * 5, 51 + i * 0.0001, 0, h)).ToList();
}
