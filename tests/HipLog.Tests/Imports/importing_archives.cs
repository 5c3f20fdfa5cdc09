using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using HipLog.Tests.Support;
using HipLog.Worker.Imports;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HipLog.Tests.Imports;

/// <summary>POST /runners/{id}/imports: a ZIP export imported by the Worker's job, through the real Api, Worker and PostgreSQL.</summary>
[Collection(PainWatchCollection.Name)]
public sealed class importing_archives
{
    private static readonly DateTimeOffset Start = new(2026, 10, 1, 5, 30, 0, TimeSpan.Zero);

    private static ByteArrayContent Zip(byte[] zip)
    {
        var content = new ByteArrayContent(zip);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/zip");
        return content;
    }

    /// <summary>300 steps of 0.00003° every 2 s: 1.0006 km in 10 min.</summary>
    private static string Gpx(int day, string? name = null)
        => Tracks.Gpx(Start.AddDays(day), Tracks.Meridian(301, 0.00003, every: 2), name);

    public static async Task<JsonNode> Finished(HttpClient client, string location, int seconds = 60) =>
        await Eventually.Get(async () =>
            (await (await client.GetAsync(location)).ShouldBeJson(HttpStatusCode.OK)) is var status
                && status["status"]!.GetValue<string>() is "done" or "failed"
                ? status
                : null, "the archive import to finish", seconds);

    [Fact]
    public async Task every_file_becomes_a_run_or_a_duplicate_or_a_reason_and_activities_csv_fills_what_files_lack()
    {
        await using var scenario = await WatchScenario.StartAsync("imports", new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
        var client = scenario.Api.ClientFor("archivist");
        (await client.PutJson("/runners/archivist/profile", new { displayName = "Ana", timeZone = "Europe/Berlin" }))
            .EnsureSuccessStatusCode();
        // Logged by hand the day of the run: the export's copy of it is a duplicate.
        await client.Create("/runners/archivist/runs", Scenarios.Run("2026-10-01T07:30:00+02:00", 1.0));

        var untimed = Tracks.GpxHead + """<trk><trkseg><trkpt lat="51" lon="0"/><trkpt lat="51.01" lon="0"/></trkseg></trk></gpx>""";
        var zip = Tracks.Zip([
            ("export/activities/01.gpx", Tracks.Utf8(Gpx(0, "Morning Run"))),
            ("export/activities/02.gpx", Tracks.Utf8(Gpx(1))),
            ("export/activities/03.gpx", Tracks.Utf8(Gpx(2, "Hills"))),
            ("export/activities/04.gpx", Tracks.Utf8(Gpx(3))),
            ("export/activities/05.gpx", Tracks.Utf8(Gpx(4))),
            ("export/activities/06.tcx.gz",
                Tracks.Gzip(Tracks.Tcx(Start.AddDays(5), Tracks.Meridian(301, 0.00003, every: 2), lapMetres: 1500))),
            ("export/activities/07.fit.gz", [0x1f, 0x8b, 0]),
            ("export/activities/08.gpx",
                Tracks.Utf8("""<?xml version="1.0"?><gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1"/>""")),
            ("export/activities/09.gpx", Tracks.Utf8("<gpx><trk>")),
            ("export/activities/10.gpx", Tracks.Utf8(Gpx(9))),
            ("export/activities/11.gpx", Tracks.Utf8(Gpx(2, "Hills again"))),
            ("export/activities/12.gpx", Tracks.Utf8(untimed)),
            ("export/media/photo.jpg", [1, 2, 3]),
            ("export/activities.csv", Tracks.Utf8("""
                Activity ID,Activity Date,Activity Name,Activity Type,Elapsed Time,Filename,Perceived Exertion,Moving Time
                2,"Oct 2, 2026, 5:30:00 AM",Tempo Tuesday,Run,700,activities/02.gpx,7,600
                6,"Oct 6, 2026, 5:30:00 AM",Forest,Trail Run,700,activities/06.tcx.gz,,600
                10,"Oct 10, 2026, 5:30:00 AM",Commute,Ride,700,activities/10.gpx,,600
                12,2026-10-12T18:00:00Z,Track session,Run,1600,activities/12.gpx,8,1500
                """)),
        ]);

        var posted = await client.PostAsync("/runners/archivist/imports?effort=5&surface=road", Zip(zip));

        var accepted = await posted.ShouldBeJson(HttpStatusCode.Accepted);
        var location = posted.Headers.Location!.ToString();
        location.ShouldBe($"/runners/archivist/imports/{accepted["id"]}");
        (accepted["status"]!.GetValue<string>(), accepted["total"]!.GetValue<int>()).ShouldBe(("queued", 12));

        var status = await Finished(client, location);
        status["status"]!.GetValue<string>().ShouldBe("done");
        (status["total"]!.GetValue<int>(), status["imported"]!.GetValue<int>(), status["duplicates"]!.GetValue<int>()).ShouldBe((12, 6, 2));
        var failed = status["failed"]!.AsArray().ToDictionary(f => f!["file"]!.GetValue<string>(), f => f!["reason"]!.GetValue<string>());
        failed.Keys.Order().ShouldBe(["export/activities/07.fit.gz", "export/activities/08.gpx", "export/activities/09.gpx",
            "export/activities/10.gpx"]);
        failed["export/activities/07.fit.gz"].ShouldContain("FIT");
        failed["export/activities/08.gpx"].ShouldContain("no track points");
        failed["export/activities/09.gpx"].ShouldContain("GPX");
        failed["export/activities/10.gpx"].ShouldContain("Ride");

        var runs = (await client.List("/runners/archivist/runs")).Select(r => r!).ToList();
        runs.Count.ShouldBe(7);
        var byName = runs.Where(r => r["routeName"] is not null).ToDictionary(r => r["routeName"]!.GetValue<string>());
        byName["Tempo Tuesday"]["startedAt"]!.GetValue<string>().ShouldBe("2026-10-02T07:30:00+02:00");
        (byName["Tempo Tuesday"]["perceivedEffort"]!.GetValue<int>(), byName["Tempo Tuesday"]["surface"]!.GetValue<string>())
            .ShouldBe((7, "road"));
        (byName["Forest"]["perceivedEffort"]!.GetValue<int>(), byName["Forest"]["surface"]!.GetValue<string>(),
            byName["Forest"]["distanceKm"]!.GetValue<double>())
            .ShouldBe((5, "trail", 1.5));
        byName["Hills"]["durationSeconds"]!.GetValue<int>().ShouldBe(600);
        // No times in the file: the CSV says when and how long; the points still give the distance.
        byName["Track session"]["startedAt"]!.GetValue<string>().ShouldBe("2026-10-12T20:00:00+02:00");
        (byName["Track session"]["durationSeconds"]!.GetValue<int>(), byName["Track session"]["distanceKm"]!.GetValue<double>())
            .ShouldBe((1500, 1.112));

        // History: the load counts the runs, and nothing is raised by them.
        var load = await (await client.GetAsync("/runners/archivist/training-load?from=2026-10-01&to=2026-10-12"))
            .ShouldBeJson(HttpStatusCode.OK);
        load["days"]!.AsArray().Sum(d => d!["distanceKm"]!.GetValue<double>())
            .ShouldBe(runs.Sum(r => r["distanceKm"]!.GetValue<double>()), 0.01);
        await Task.Delay(TimeSpan.FromSeconds(1));
        (await scenario.Recommendations("archivist")).ShouldBeEmpty();
        // The archive is kept only until its runs are in the log.
        (await ArchivesStored(scenario.Api.ConnectionString)).ShouldBe(0);
    }

    [Fact]
    public async Task a_worker_stopped_mid_archive_is_followed_by_another_that_imports_the_rest_once()
    {
        const int files = 400;
        await using var scenario = await WatchScenario.StartAsync("importrestart", new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero),
            settings: new Dictionary<string, string?> { ["Imports:BatchSize"] = "2" });
        var client = scenario.Api.ClientFor("restarter");
        var zip = Tracks.Zip(Enumerable.Range(0, files).Select(i =>
            ($"activities/{i:0000}.gpx",
                Tracks.Utf8(Tracks.Gpx(Start.AddHours(-i * 6), Tracks.Meridian(61, 0.00003, every: 2), $"Run {i}")))));

        var posted = await client.PostAsync("/runners/restarter/imports", Zip(zip));
        posted.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var location = posted.Headers.Location!.ToString();
        await Eventually.Get(async () =>
            (await (await client.GetAsync(location)).ShouldBeJson(HttpStatusCode.OK))["imported"]!.GetValue<int>() >= 10 ? "some" : null,
                "the first files");
        await scenario.StopWorkerAsync(scenario.Worker);

        var stopped = await (await client.GetAsync(location)).ShouldBeJson(HttpStatusCode.OK);
        stopped["status"]!.GetValue<string>().ShouldBe("running");
        stopped["imported"]!.GetValue<int>().ShouldBeLessThan(files, "the Worker stopped mid-archive");
        (await client.ListAll("/runners/restarter/runs", 100)).Count.ShouldBe(stopped["imported"]!.GetValue<int>());

        var worker = await scenario.StartWorkerAsync();
        // The sweep starts a second copy of the job as well, as if the first had been lost: one of them works, the other stops.
        scenario.Clock.Advance(TimeSpan.FromMinutes(2));
        await worker.Services.GetRequiredService<ResumeImports>().RunAsync();
        var status = await Finished(client, location, seconds: 120);

        status["status"]!.GetValue<string>().ShouldBe("done");
        (status["total"]!.GetValue<int>(), status["imported"]!.GetValue<int>(), status["duplicates"]!.GetValue<int>())
            .ShouldBe((files, files, 0));
        status["failed"]!.AsArray().ShouldBeEmpty();
        var runs = await client.ListAll("/runners/restarter/runs", 100);
        runs.Count.ShouldBe(files);
        runs.Select(r => r["routeName"]!.GetValue<string>()).Distinct().Count().ShouldBe(files);
    }

    private static async Task<long> ArchivesStored(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from hiplog.run_import_archives", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
