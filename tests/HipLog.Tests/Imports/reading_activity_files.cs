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
    public void haversine_agrees_with_the_arc_of_a_meridian_and_of_the_equator()
    {
        TrackSummary.HaversineM(0, 0, 1, 0).ShouldBe(Tracks.KmPerDegree * 1000, 0.001);
        TrackSummary.HaversineM(0, 10, 0, 11).ShouldBe(Tracks.KmPerDegree * 1000, 0.001);
        // At 60°N a degree of longitude is half as long, near enough (a great circle cuts the parallel a little short).
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
    public void elevation_gain_adds_every_climb_and_ignores_descents()
    {
        double[] heights = [100, 110, 105, 108, 108, 90, 95];
        var fixes = heights.Select((h, i) => new Fix(i * 5, 51 + i * 0.0001, 0, h)).ToList();

        Summary(Tracks.Gpx(Start, fixes), ActivityFormat.Gpx).ElevationGainM.ShouldBe(10 + 3 + 5);
        Summary(Tracks.Tcx(Start, fixes, lapMetres: null), ActivityFormat.Tcx).ElevationGainM.ShouldBe(18);
    }

    [Fact]
    public void a_tcx_lap_distance_is_preferred_to_the_track_and_a_treadmill_run_counts_its_own_metres()
    {
        var fixes = Tracks.Meridian(601, 0.00003, every: 2);
        var track = Summary(Tracks.Tcx(Start, fixes, lapMetres: null), ActivityFormat.Tcx);
        track.DistanceKm.ShouldBe(0.018 * Tracks.KmPerDegree, 0.001);
        track.MovingSeconds.ShouldBe(1200);

        Summary(Tracks.Tcx(Start, fixes, lapMetres: 2050), ActivityFormat.Tcx).DistanceKm.ShouldBe(2.05);

        var metres = fixes.Select((_, i) => i * 5.0).ToArray();
        var treadmill = Summary(Tracks.Tcx(Start, fixes, lapMetres: null, withPositions: false, pointMetres: metres), ActivityFormat.Tcx);
        treadmill.DistanceKm.ShouldBe(3.0);
        treadmill.MovingSeconds.ShouldBe(1200);
    }

    [Fact]
    public void names_come_from_the_file_and_the_tcx_device_name_is_not_one()
    {
        var gpx = ActivityFiles.Read(new MemoryStream(Tracks.Utf8(Tracks.Gpx(Start, Tracks.Meridian(3, 0.0001), "Hill repeats"))),
            ActivityFormat.Gpx);
        gpx.Name.ShouldBe("Hill repeats");
        var tcx = ActivityFiles.Read(new MemoryStream(Tracks.Utf8(Tracks.Tcx(Start, Tracks.Meridian(3, 0.0001), null))),
            ActivityFormat.Tcx);
        tcx.Name.ShouldBeNull();
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
    public void a_run_takes_the_offset_of_the_runners_zone_and_a_missing_effort_counts_no_load()
    {
        var file = ActivityFiles.Read(new MemoryStream(Tracks.Utf8(Tracks.Gpx(Start, Tracks.Meridian(601, 0.00003)))), ActivityFormat.Gpx);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var run = ImportedRun.From(TrackSummary.Of(file), file, new ImportChoices(), berlin);

        run.StartedAt.ShouldBe(Start);
        run.StartedAt.Offset.ShouldBe(TimeSpan.FromHours(1));
        run.RouteName.ShouldBe("Riverside loop");
        (run.PerceivedEffort, run.Surface).ShouldBe((null, null));
        run.SessionLoad.ShouldBe(0);
        RunEntry.From(Guid.NewGuid(), run, berlin).Load.ShouldBe(0);
        (run with { PerceivedEffort = 6 }).SessionLoad.ShouldBe(60);
    }

    [Fact]
    public void the_same_activity_is_the_same_start_and_a_distance_within_one_percent()
    {
        var run = new RunDetails(10, 3000, null, null, null, null, null, Start);
        RunLog.IsSameActivity(run, run with { DistanceKm = 10.09, StartedAt = Start.ToOffset(TimeSpan.FromHours(1)) }).ShouldBeTrue();
        RunLog.IsSameActivity(run, run with { DistanceKm = 10.2 }).ShouldBeFalse();
        RunLog.IsSameActivity(run, run with { StartedAt = Start.AddSeconds(1) }).ShouldBeFalse();
    }

    [Fact]
    public void an_archive_lists_its_activity_files_in_name_order_and_passes_over_the_rest()
    {
        var zip = Tracks.Zip([
            ("activities/2.tcx.gz", Tracks.Gzip("<x/>")), ("activities/1.gpx", Tracks.Utf8("<x/>")), ("activities/3.fit.gz", [1, 2]),
            ("media/photo.jpg", [1]), ("__MACOSX/activities/._1.gpx", [1]), ("activities.csv", Tracks.Utf8("Filename\n")),
        ]);
        using var archive = ActivityArchive.Open(new MemoryStream(zip));

        ActivityArchive.Check(archive).Select(e => (e.Name, e.Format, e.Gzipped)).ShouldBe([
            ("activities/1.gpx", ActivityFormat.Gpx, false), ("activities/2.tcx.gz", ActivityFormat.Tcx, true),
                ("activities/3.fit.gz", (ActivityFormat?)null, true),
        ]);
        ActivityArchive.Csv(archive)!.FullName.ShouldBe("activities.csv");
    }

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
    public void a_zip_bomb_and_an_archive_without_activities_are_refused()
    {
        var bomb = Tracks.Zip([("activities/1.gpx", new byte[10 * 1024 * 1024])]);
        using (var archive = ActivityArchive.Open(new MemoryStream(bomb)))
            Should.Throw<ActivityArchiveException>(() => ActivityArchive.Check(archive)).Message.ShouldContain("zip bomb");

        using (var archive = ActivityArchive.Open(new MemoryStream(Tracks.Zip([("notes.txt", [1])]))))
            Should.Throw<ActivityArchiveException>(() => ActivityArchive.Check(archive)).Message.ShouldContain("no .gpx or .tcx");

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
    public void activities_csv_fills_names_dates_efforts_and_types_the_strava_way()
    {
        var rows = ActivitiesCsv.Read(
            "Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Filename,Perceived Exertion,"
            + "Moving Time\n" + """
            1,"Nov 5, 2026, 7:12:34 AM","Morning, wet",Trail Run,,3600,10.1,activities/1.gpx.gz,7.0,3500
            2,2026-11-06T06:00:00+01:00,Commute,Ride,,1800,8,activities/2.gpx,,
            3,2026-11-07,Odd,Run,,x,,activities/3.tcx,11,
            """);

        rows.Count.ShouldBe(3);
        rows[0].ShouldBe(new CsvActivity("activities/1.gpx.gz", "Morning, wet", new DateTimeOffset(2026, 11, 5, 7, 12, 34, TimeSpan.Zero),
            "Trail Run", 7, 3500));
        rows[0].Surface.ShouldBe(Surface.Trail);
        rows[0].IsRun.ShouldBeTrue();
        rows[1].IsRun.ShouldBeFalse();
        rows[1].StartedAt.ShouldBe(new DateTimeOffset(2026, 11, 6, 5, 0, 0, TimeSpan.Zero));
        rows[1].MovingSeconds.ShouldBe(1800);
        (rows[2].PerceivedEffort, rows[2].MovingSeconds).ShouldBe((null, null));

        ActivitiesCsv.For(rows, new ArchiveEntry("export/activities/1.gpx.gz", ActivityFormat.Gpx, true))!.Name.ShouldBe("Morning, wet");
        ActivitiesCsv.For(rows, new ArchiveEntry("activities/2.gpx", ActivityFormat.Gpx, false))!.Name.ShouldBe("Commute");
    }
}
