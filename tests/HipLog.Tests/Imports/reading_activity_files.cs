using System.IO.Compression;
using System.Text;
using HipLog.Api.Http;
using HipLog.Domain.Imports;
using HipLog.Domain.Runs;
using HipLog.Domain.Trends;
using HipLog.Tests.Support;

namespace HipLog.Tests.Imports;

/// <summary>Files into runs without a database: parsing, distance, moving time, elevation, and what is refused.</summary>
public sealed class reading_activity_files
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 6, 30, 0, TimeSpan.Zero);

    private static TrackSummary Summary(string text, ActivityFormat format) =>
        TrackSummary.Of(ActivityFiles.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), format));

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

    [Fact]
    public void a_name_comes_from_the_file()
    {
        ActivityFiles.Read(new MemoryStream(Tracks.Utf8(Tracks.Gpx(Start, Tracks.Meridian(3, 0.0001), "Hill repeats"))),
            ActivityFormat.Gpx).Name.ShouldBe("Hill repeats");
    }

    [Fact]
    public void a_tcx_device_name_is_no_run_name()
    {
        ActivityFiles.Read(new MemoryStream(Tracks.Utf8(Tracks.Tcx(Start, Tracks.Meridian(3, 0.0001), null))), ActivityFormat.Tcx)
            .Name.ShouldBeNull();
    }

    [Theory]
    [InlineData(Tracks.GpxHead + """<trk><trkseg></trkseg></trk></gpx>""", ActivityFormat.Gpx, "no track points")]
    [InlineData(Tracks.GpxHead + """<trk><trkseg><trkpt lat="51" lon="0"><time>2026-11""", ActivityFormat.Gpx, "GPX")]
    [InlineData("""{"type":"FeatureCollection"}""", ActivityFormat.Gpx, "GPX")]
    [InlineData(Tracks.GpxHead + """<trk><trkseg><trkpt lat="951" lon="0"/></trkseg></trk></gpx>""", ActivityFormat.Gpx, "GPX")]
    [InlineData(Tracks.TcxHead + """<Activities/></TrainingCenterDatabase>""", ActivityFormat.Tcx, "no track points")]
    [InlineData("""<?xml version="1.0"?><gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1"/>""", ActivityFormat.Tcx,
        "TrainingCenterDatabase")]
    [InlineData(Tracks.TcxHead
        + """<Activities><Activity><Lap><Track><Trackpoint><Time>yesterday</Time></Trackpoint></Track></Lap></Activity></Activities>"""
        + """</TrainingCenterDatabase>""", ActivityFormat.Tcx, "TCX")]
    public void an_empty_malformed_or_mislabelled_file_is_refused_with_a_reason(string text, ActivityFormat format, string reason)
    {
        var refused = Should.Throw<ActivityFileException>(() => ActivityFiles.Read(new MemoryStream(Tracks.Utf8(text)), format));
        refused.Message.ShouldContain(reason);
    }

    [Fact]
    public void a_file_with_a_dtd_is_refused_before_any_entity_is_expanded()
    {
        var laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY x SYSTEM "file:///etc/passwd">]>
            <gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1"><metadata><name>&b;&x;</name></metadata></gpx>
            """;
        foreach (var format in new[] { ActivityFormat.Gpx, ActivityFormat.Tcx })
            Should.Throw<ActivityFileException>(() => ActivityFiles.Read(new MemoryStream(Tracks.Utf8(laughs)), format))
                .Message.ShouldContain("DTD");
    }

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

    [Fact]
    public void the_same_activity_is_the_same_instant_with_a_distance_within_one_percent()
    {
        RunLog.IsSameActivity(TenKm, TenKm with { DistanceKm = 10.09, StartedAt = Start.ToOffset(TimeSpan.FromHours(1)) }).ShouldBeTrue();
    }

    [Fact]
    public void a_distance_more_than_one_percent_off_is_another_activity()
    {
        RunLog.IsSameActivity(TenKm, TenKm with { DistanceKm = 10.2 }).ShouldBeFalse();
    }

    [Fact]
    public void a_start_a_second_off_is_another_activity()
    {
        RunLog.IsSameActivity(TenKm, TenKm with { StartedAt = Start.AddSeconds(1) }).ShouldBeFalse();
    }

    private static readonly RunDetails TenKm = new(10, 3000, null, null, null, null, null, Start);

    [Fact]
    public void an_archive_lists_its_activity_files_in_name_order_passing_over_the_rest()
    {
        using var archive = ActivityArchive.Open(new MemoryStream(Export));

        ActivityArchive.Check(archive).Select(e => (e.Name, e.Format, e.Gzipped)).ShouldBe([
            ("activities/1.gpx", ActivityFormat.Gpx, false), ("activities/2.tcx.gz", ActivityFormat.Tcx, true),
                ("activities/3.fit.gz", (ActivityFormat?)null, true),
        ]);
    }

    [Fact]
    public void an_archive_finds_its_activities_csv()
    {
        using var archive = ActivityArchive.Open(new MemoryStream(Export));

        ActivityArchive.Csv(archive)!.FullName.ShouldBe("activities.csv");
    }

    private static readonly byte[] Export = Tracks.Zip([
        ("activities/2.tcx.gz", Tracks.Gzip("<x/>")), ("activities/1.gpx", Tracks.Utf8("<x/>")), ("activities/3.fit.gz", [1, 2]),
        ("media/photo.jpg", [1]), ("__MACOSX/activities/._1.gpx", [1]), ("activities.csv", Tracks.Utf8("Filename\n")),
    ]);

    [Theory]
    [InlineData("../evil.gpx", "climbs out")]
    [InlineData("activities/../../evil.gpx", "climbs out")]
    [InlineData("/etc/evil.gpx", "absolute")]
    [InlineData("C:\\evil.gpx", "absolute")]
    [InlineData("run\u202Egpx.exe", "control")]
    [InlineData("run\u0001.gpx", "control")]
    public void an_archive_with_a_hostile_name_is_refused_whole(string name, string reason)
    {
        var zip = Tracks.Zip([("activities/1.gpx", Tracks.Utf8("<x/>")), (name, Tracks.Utf8("<x/>"))]);
        using var archive = ActivityArchive.Open(new MemoryStream(zip));
        Should.Throw<ActivityArchiveException>(() => ActivityArchive.Check(archive)).Message.ShouldContain(reason);
    }

    [Fact]
    public void a_zip_bomb_is_refused()
    {
        using var archive = ActivityArchive.Open(new MemoryStream(Tracks.Zip([("activities/1.gpx", new byte[10 * 1024 * 1024])])));

        Should.Throw<ActivityArchiveException>(() => ActivityArchive.Check(archive)).Message.ShouldContain("zip bomb");
    }

    [Fact]
    public void an_archive_without_activities_is_refused()
    {
        using var archive = ActivityArchive.Open(new MemoryStream(Tracks.Zip([("notes.txt", [1])])));

        Should.Throw<ActivityArchiveException>(() => ActivityArchive.Check(archive)).Message.ShouldContain("no .gpx or .tcx");
    }

    [Fact]
    public void a_file_that_is_no_zip_is_refused()
    {
        Should.Throw<ActivityArchiveException>(() => ActivityArchive.Open(new MemoryStream(Tracks.Utf8("not a zip"))))
            .Message.ShouldContain("Not a ZIP");
    }

    [Fact]
    public void a_gzipped_entry_that_inflates_past_the_limit_is_stopped_while_reading()
    {
        var huge = new MemoryStream();
        using (var gzip = new GZipStream(huge, CompressionLevel.SmallestSize, leaveOpen: true))
            for (var i = 0; i < 21; i++)
                gzip.Write(new byte[1024 * 1024]);
        var zip = Tracks.Zip([("activities/1.gpx.gz", huge.ToArray())]);
        using var archive = ActivityArchive.Open(new MemoryStream(zip));
        var entry = ActivityArchive.Check(archive).Single();

        Should.Throw<ActivityFileException>(() => ActivityArchive.Read(archive, entry)).Message.ShouldContain("larger");
    }

    [Fact]
    public void activities_csv_is_read_the_strava_way()
    {
        Strava.Count.ShouldBe(3);
        Strava[0].ShouldBe(new CsvActivity("activities/1.gpx.gz", "Morning, wet", new DateTimeOffset(2026, 11, 5, 7, 12, 34, TimeSpan.Zero),
            "Trail Run", 7, 3500));
    }

    [Fact]
    public void a_trail_run_in_activities_csv_is_a_run_on_trail()
    {
        (Strava[0].Surface, Strava[0].IsRun).ShouldBe((Surface.Trail, true));
    }

    [Fact]
    public void a_ride_in_activities_csv_is_no_run()
    {
        Strava[1].IsRun.ShouldBeFalse();
    }

    [Fact]
    public void an_activity_date_with_an_offset_is_read_with_it()
    {
        Strava[1].StartedAt.ShouldBe(new DateTimeOffset(2026, 11, 6, 5, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void without_a_moving_time_the_elapsed_time_is_taken()
    {
        Strava[1].MovingSeconds.ShouldBe(1800);
    }

    [Fact]
    public void an_effort_or_time_that_cannot_be_read_is_left_out()
    {
        (Strava[2].PerceivedEffort, Strava[2].MovingSeconds).ShouldBe((null, null));
    }

    [Fact]
    public void a_file_finds_its_row_of_activities_csv_by_its_path_in_the_export()
    {
        ActivitiesCsv.For(Strava, new ArchiveEntry("export/activities/1.gpx.gz", ActivityFormat.Gpx, true))!.Name.ShouldBe("Morning, wet");
        ActivitiesCsv.For(Strava, new ArchiveEntry("activities/2.gpx", ActivityFormat.Gpx, false))!.Name.ShouldBe("Commute");
    }

    private static readonly IReadOnlyList<CsvActivity> Strava = ActivitiesCsv.Read(
        "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Filename,Perceived Exertion,"
        + "Moving Time\n" + """
        1,"Nov 5, 2026, 7:12:34 AM","Morning, wet",Trail Run,,3600,10.1,activities/1.gpx.gz,7.0,3500
        2,2026-11-06T06:00:00+01:00,Commute,Ride,,1800,8,activities/2.gpx,,
        3,2026-11-07,Odd,Run,,x,,activities/3.tcx,11,
        """);
}
