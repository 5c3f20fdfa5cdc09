using System.Net;
using HipLog.Api.Imports;
using HipLog.Api.Runs;
using HipLog.Domain.Imports;
using HipLog.Domain.Runs;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using HipLog.Worker.Imports;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HipLog.Tests.Imports;

/// <summary>
/// One export of a watch platform (a ZIP of activity files and an activities.csv), imported once by the Worker's job
/// through the real Api, Worker and PostgreSQL; each test reads one thing the import did.
/// </summary>
public sealed class ImportedArchive : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 10, 1, 5, 30, 0, TimeSpan.Zero);

    private WatchScenario? scenario;

    public WatchScenario Scenario => scenario!;

    public RunnerClient Runner { get; private set; } = null!;

    public RunImportResponse Accepted { get; private set; } = null!;

    public string? Location { get; private set; }

    public RunImportResponse Finished { get; private set; } = null!;

    /// <summary>The runner's runs afterwards, by route name where they have one.</summary>
    public IReadOnlyList<RunResponse> Runs { get; private set; } = [];

    public RunResponse Named(string routeName) => Runs.Single(r => r.RouteName == routeName);

    /// <summary>300 steps of 0.00003° every 2 s: 1.0006 km in 10 min.</summary>
    public static string Gpx(int day, string? name = null) => Tracks.Gpx(Start.AddDays(day), Tracks.Meridian(301, 0.00003, every: 2), name);

    public async Task InitializeAsync()
    {
        scenario = await WatchScenario.StartAsync("imports", new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
        Runner = scenario.Api.Runner("archivist");
        await Runner.Profiles.SetAsync(Sample.Profile("Ana", "Europe/Berlin"));
        // Logged by hand the day of the run: the export's copy of it is a duplicate.
        await Runner.Runs.CreateAsync(Sample.Run("2026-10-01T07:30:00+02:00", 1.0));

        var posted = await Runner.Imports.ArchiveAsync(Export(), query: "?effort=5&surface=road");
        Accepted = posted.Is<RunImportResponse>(HttpStatusCode.Accepted);
        Location = posted.Location;
        Finished = await Runner.Imports.FinishedAsync(Accepted.Id);
        Runs = await Runner.Runs.ListAsync();
    }

    public async Task DisposeAsync()
    {
        if (scenario is not null)
            await scenario.DisposeAsync();
    }

    private static byte[] Export()
    {
        var untimed = Tracks.GpxHead + """<trk><trkseg><trkpt lat="51" lon="0"/><trkpt lat="51.01" lon="0"/></trkseg></trk></gpx>""";
        var zip = Tracks.Zip([
            ("export/activities/01.gpx", Tracks.Utf8(Gpx(0, "Morning Run"))),
            ("export/activities/02.gpx", Tracks.Utf8(Gpx(1))),
            ("export/activities/03.gpx", Tracks.Utf8(Gpx(2, "Hills"))),
            ("export/activities/04.gpx", Tracks.Utf8(Gpx(3))),
            ("export/activities/05.gpx", Tracks.Utf8(Gpx(4))),
            ("export/activities/06.tcx.gz",
                Tracks.Gzip(Tracks.Tcx(Start.AddDays(5), Tracks.Meridian(301, 0.00003, every: 2), lapMetres: 1500))),
            ("export/activities/07.fit.gz", Tracks.Gzip(FitSamples.Run(Start.AddDays(6), 600))),
            ("export/activities/08.gpx",
                Tracks.Utf8("""<?xml version="1.0"?><gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1"/>""")),
            ("export/activities/09.gpx", Tracks.Utf8("<gpx><trk>")),
            ("export/activities/10.gpx", Tracks.Utf8(Gpx(9))),
            ("export/activities/11.gpx", Tracks.Utf8(Gpx(2, "Hills again"))),
            ("export/activities/12.gpx", Tracks.Utf8(untimed)),
            ("export/activities/13.fit", FitSamples.Run(Start.AddDays(13), 60, sport: FitSamples.Cycling)),
            ("export/media/photo.jpg", [1, 2, 3]),
            ("export/activities.csv", Tracks.Utf8("""
                Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Filename,Perceived Exertion,Moving Time
                2,"Oct 2, 2026, 5:30:00 AM",Tempo Tuesday,Run,700,activities/02.gpx,7,600
                6,"Oct 6, 2026, 5:30:00 AM",Forest,Trail Run,700,activities/06.tcx.gz,,600
                10,"Oct 10, 2026, 5:30:00 AM",Commute,Ride,700,activities/10.gpx,,600
                12,2026-10-12T18:00:00Z,Track session,Run,1600,activities/12.gpx,8,1500
                """)),
        ]);

        return zip;
    }
}

[Collection(PainWatchCollection.Name)]
public sealed class importing_archives(ImportedArchive archive) : IClassFixture<ImportedArchive>
{
    private static readonly DateTimeOffset Start = ImportedArchive.Start;

    [Fact]
    public void an_archive_is_accepted_as_queued_with_its_activity_files_counted()
    {
        (archive.Accepted.Status, archive.Accepted.Total).ShouldBe((RunImportStatus.Queued, 13));
        archive.Location.ShouldBe($"/runners/archivist/imports/{archive.Accepted.Id}");
    }

    [Fact]
    public void every_file_is_a_run_a_duplicate_or_a_reason()
    {
        var finished = archive.Finished;

        (finished.Status, finished.Total, finished.Imported, finished.Duplicates, finished.Failed.Count)
            .ShouldBe((RunImportStatus.Done, 13, 7, 2, 4));
        archive.Runs.Count.ShouldBe(8);
    }

    [Theory]
    [InlineData("export/activities/13.fit", "its sport is cycling")]
    [InlineData("export/activities/08.gpx", "no track points")]
    [InlineData("export/activities/09.gpx", "GPX")]
    [InlineData("export/activities/10.gpx", "Ride")]
    public void a_file_that_made_no_run_is_named_with_its_reason(string file, string reason) =>
        archive.Finished.Failed.Single(f => f.File == file).Reason.ShouldContain(reason);

    [Fact]
    public void activities_csv_gives_a_run_its_name_start_and_effort()
    {
        var run = archive.Named("Tempo Tuesday");

        (run.StartedAt.OnTheirClock(), run.PerceivedEffort, run.Surface).ShouldBe(("2026-10-02T07:30:00+02:00", 7, Surface.Road));
    }

    [Fact]
    public void a_trail_run_in_activities_csv_is_on_trail_with_the_archives_effort()
    {
        var run = archive.Named("Forest");

        (run.PerceivedEffort, run.Surface, run.DistanceKm).ShouldBe((5, Surface.Trail, 1.5));
    }

    [Fact]
    public void a_gzipped_fit_file_is_a_run_with_its_sessions_totals_and_heart_rate()
    {
        var run = archive.Runs.Single(r => r.StartedAt == Start.AddDays(6));

        (run.DurationSeconds, run.DistanceKm, run.AvgHeartRate, run.MaxHeartRate, run.Surface)
            .ShouldBe((540, 1.818, 150, 159, Surface.Road));
    }

    [Fact]
    public void a_file_with_its_own_name_keeps_its_moving_time_too()
    {
        archive.Named("Hills").DurationSeconds.ShouldBe(600);
    }

    [Fact]
    public void a_file_without_times_takes_its_start_with_its_duration_from_activities_csv()
    {
        var run = archive.Named("Track session");

        // The points still give the distance.
        (run.StartedAt.OnTheirClock(), run.DurationSeconds, run.DistanceKm).ShouldBe(("2026-10-12T20:00:00+02:00", 1500, 1.112));
    }

    [Fact]
    public async Task the_training_load_counts_the_imported_runs()
    {
        var load = await archive.Runner.Trends.LoadAsync("?from=2026-10-01&to=2026-10-12");

        load.Days.Sum(d => d.DistanceKm).ShouldBe(archive.Runs.Sum(r => r.DistanceKm), 0.01);
    }

    [Fact]
    public async Task history_imported_raises_no_recommendation()
    {
        await Task.Delay(TimeSpan.FromSeconds(1));

        (await archive.Scenario.Recommendations("archivist")).ShouldBeEmpty();
    }

    [Fact]
    public async Task the_archive_is_kept_only_until_its_runs_are_in_the_log()
    {
        await using var connection = new NpgsqlConnection(archive.Scenario.Api.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from hiplog.run_import_archives", connection);

        ((long)(await count.ExecuteScalarAsync())!).ShouldBe(0);
    }

    [Fact]
    public async Task a_worker_stopped_mid_archive_leaves_the_rest_to_the_next_worker_which_imports_each_file_once()
    {
        const int files = 400;
        await using var scenario = await WatchScenario.StartAsync("importrestart", new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero),
            settings: new Dictionary<string, string?> { ["Imports:BatchSize"] = "2" });
        var runner = scenario.Api.Runner("restarter");
        var zip = Tracks.Zip(Enumerable.Range(0, files).Select(i =>
            ($"activities/{i:0000}.gpx",
                Tracks.Utf8(Tracks.Gpx(Start.AddHours(-i * 6), Tracks.Meridian(61, 0.00003, every: 2), $"Run {i}")))));

        var import = (await runner.Imports.ArchiveAsync(zip)).Is<RunImportResponse>(HttpStatusCode.Accepted);
        await Eventually.Get(async () => (await runner.Imports.ReadAsync(import.Id)).Imported >= 10 ? "some" : null, "the first files");
        await scenario.StopWorkerAsync(scenario.Worker);

        var stopped = await runner.Imports.ReadAsync(import.Id);
        stopped.Status.ShouldBe(RunImportStatus.Running);
        stopped.Imported.ShouldBeLessThan(files, "the Worker stopped mid-archive");
        (await runner.Runs.AllAsync(100)).Count.ShouldBe(stopped.Imported);

        var worker = await scenario.StartWorkerAsync();
        // The sweep starts a second copy of the job as well, as if the first had been lost: one of them works, the other stops.
        scenario.Clock.Advance(TimeSpan.FromMinutes(2));
        await worker.Services.GetRequiredService<ResumeImports>().RunAsync();
        var status = await runner.Imports.FinishedAsync(import.Id, seconds: 120);

        (status.Status, status.Total, status.Imported, status.Duplicates, status.Failed.Count)
            .ShouldBe((RunImportStatus.Done, files, files, 0, 0));
        (await runner.Runs.AllAsync(100)).Select(r => r.RouteName).Distinct().Count().ShouldBe(files);
    }

    /// <summary>Garmin Connect's export: FIT files in a ZIP inside the ZIP, and a list of activities naming them.</summary>
    [Fact]
    public async Task a_garmin_export_imports_the_fit_files_of_its_inner_zip_named_by_its_activity_list()
    {
        var runner = archive.Scenario.Api.Runner("garmin");
        var (morning, evening, ride) = (Start.AddDays(40), Start.AddDays(41), Start.AddDays(42));
        var uploaded = Tracks.Zip([
            ("1001.fit", FitSamples.Run(morning, 900)), ("1002.fit", FitSamples.Run(evening, 600, subSport: FitSamples.Street)),
            ("1003.fit", FitSamples.Run(ride, 60, sport: FitSamples.Cycling)),
        ]);
        var activities = $$"""
            [{"summarizedActivitiesExport":[
              {"activityId":1001,"name":"Dyke loop","activityType":"running","startTimeGmt":{{morning.ToUnixTimeMilliseconds()}}.0},
              {"activityId":1003,"name":"Commute","activityType":"cycling","startTimeGmt":{{ride.ToUnixTimeMilliseconds()}}.0}]}]
            """;
        var export = Tracks.Zip([
            ("DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", uploaded),
            ("DI_CONNECT/DI-Connect-Fitness/ana@example.org_0_summarizedActivities.json", Tracks.Utf8(activities)),
        ]);

        var import = (await runner.Imports.ArchiveAsync(export)).Is<RunImportResponse>(HttpStatusCode.Accepted);
        var finished = await runner.Imports.FinishedAsync(import.Id);

        (finished.Status, finished.Total, finished.Imported).ShouldBe((RunImportStatus.Done, 3, 2));
        finished.Failed.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            f => f.File.ShouldBe("DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip/1003.fit"),
            f => f.Reason.ShouldContain("cycling"));
        (await runner.Runs.ListAsync()).Select(r => (r.StartedAt, r.RouteName, r.Surface, r.AvgHeartRate))
            .ShouldBe([(morning, "Dyke loop", Surface.Trail, (int?)150), (evening, null, Surface.Road, 150)]);
    }

    [Fact]
    public async Task a_file_that_unpacks_like_a_bomb_fails_with_its_reason_and_the_rest_of_its_archive_is_imported()
    {
        var runner = archive.Scenario.Api.Runner("bombed");
        var zip = Tracks.Zip([("a/1.gpx.gz", DamagedZips.GzipBomb(100_000)), ("a/2.gpx", Tracks.Utf8(ImportedArchive.Gpx(30)))]);

        var import = (await runner.Imports.ArchiveAsync(zip)).Is<RunImportResponse>(HttpStatusCode.Accepted);
        var finished = await runner.Imports.FinishedAsync(import.Id);

        (finished.Status, finished.Imported).ShouldBe((RunImportStatus.Done, 1));
        finished.Failed.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            f => f.File.ShouldBe("a/1.gpx.gz"), f => f.Reason.ShouldContain("zip bomb"));
    }
}
