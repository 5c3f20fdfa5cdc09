using HipLog.Domain.Imports;
using HipLog.Domain.Runs;

namespace HipLog.Tests.Imports;

/// <summary>The activities.csv of a Strava export: its rows read the Strava way, and the row of each file.</summary>
public sealed class reading_strava_activities_csv
{
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
