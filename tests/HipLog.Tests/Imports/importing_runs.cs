using System.Net;
using HipLog.Api.Imports;
using HipLog.Api.Runs;
using HipLog.Domain.Imports;
using HipLog.Domain.Runs;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using Marten;
using Microsoft.Extensions.Logging;

namespace HipLog.Tests.Imports;

/// <summary>POST /runners/{id}/runs/import: one GPX or TCX file into one run, through the real Api.</summary>
public sealed class importing_runs(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 6, 30, 0, TimeSpan.Zero);

    /// <summary>10 min north at 3.3 m/s, a 2 min stop, 10 min more; climbing 1 m every 100 s on the way, 6 m down in the stop.</summary>
    private static List<Fix> RunWithAStop()
    {
        var fixes = Tracks.Meridian(601, 0.00003, every: 1).Select(f => f with { Ele = 50 + Math.Floor(f.Seconds / 100) }).ToList();
        var stop = fixes[^1];
        fixes.Add(stop with { Seconds = stop.Seconds + 120, Ele = stop.Ele - 6 });
        fixes.AddRange(Tracks.Meridian(600, 0.00003, every: 1)
            .Select(f => new Fix(stop.Seconds + 121 + f.Seconds, stop.Lat + 0.00003 + (f.Lat - 51), 0, stop.Ele - 6)));
        return fixes;
    }

    private const string Tcx = "application/vnd.garmin.tcx+xml";

    // 1,200 steps of 0.00003° along the meridian: 0.036° = 4.003 km.
    private static readonly double MeridianKm = 0.036 * Tracks.KmPerDegree;

    private async Task<RunnerClient> RunnerInBerlin(string runnerId)
    {
        var runner = api.Runner(runnerId);
        await runner.Profiles.SetAsync(Sample.Profile("Ana", "Europe/Berlin"));
        return runner;
    }

    [Fact]
    public async Task a_gpx_file_becomes_a_run_starting_on_the_runners_clock()
    {
        var runner = await RunnerInBerlin("importer-gpx");

        var run = (await runner.Imports.RunAsync(Tracks.Gpx(Start, RunWithAStop(), "Deich & Dünen"), query: "?effort=6&surface=trail"))
            .Is<RunResponse>(HttpStatusCode.Created);

        run.DistanceKm.ShouldBe(MeridianKm, 0.005 * MeridianKm);
        run.StartedAt.OnTheirClock().ShouldBe("2026-11-20T07:30:00+01:00");
        run.ShouldBe(new RunResponse(run.Id, Start, run.DistanceKm, 1200, 6, Surface.Trail, "Deich & Dünen", null, null, 0, 6));
    }

    [Fact]
    public async Task an_imported_run_is_found_at_its_location()
    {
        var runner = await RunnerInBerlin("importer-gpx-read");

        var created = await runner.Imports.RunAsync(Tracks.Gpx(Start, RunWithAStop()), query: "?effort=6");

        var run = created.Is<RunResponse>(HttpStatusCode.Created);
        created.Location.ShouldBe($"/runners/importer-gpx-read/runs/{run.Id}");
        (await runner.Runs.ReadAsync(run.Id)).ShouldBe(run);
    }

    [Fact]
    public async Task an_imported_run_with_an_effort_counts_its_load()
    {
        var runner = await RunnerInBerlin("importer-gpx-load");

        await runner.Imports.RunAsync(Tracks.Gpx(Start, RunWithAStop()), query: "?effort=6");

        (await runner.Trends.LoadAsync("?from=2026-11-20&to=2026-11-20")).Days.Single().Load.ShouldBe(6 * 1200 / 60.0, 0.01);
    }

    [Fact]
    public async Task a_tcx_file_without_an_effort_is_logged_with_its_lap_distance_and_a_note()
    {
        var runner = await RunnerInBerlin("importer-tcx");

        var run = (await runner.Imports.RunAsync(Tracks.Tcx(Start, Tracks.Meridian(901, 0.00003, every: 2), lapMetres: 3010),
            Tcx + "; charset=utf-8")).Is<RunResponse>(HttpStatusCode.Created);

        run.Note!.ShouldContain("counts no session-RPE load");
        run.ShouldBe(new RunResponse(run.Id, Start, 3.01, 1800, null, null, null, null, null, 0, null, run.Note));
    }

    [Fact]
    public async Task a_run_without_an_effort_counts_its_distance_and_time_but_no_load()
    {
        var runner = await RunnerInBerlin("importer-tcx-load");

        await runner.Imports.RunAsync(Tracks.Tcx(Start, Tracks.Meridian(901, 0.00003, every: 2), lapMetres: 3010), Tcx);

        var day = (await runner.Trends.LoadAsync("?from=2026-11-20&to=2026-11-20")).Days.Single();
        (day.DistanceKm, day.MovingSeconds, day.Load).ShouldBe((3.01, 1800, 0.0));
    }

    [Fact]
    public async Task patching_another_field_keeps_a_run_without_an_effort()
    {
        var runner = await RunnerInBerlin("importer-tcx-patch");
        var run = (await runner.Imports.RunAsync(Tracks.Tcx(Start, Tracks.Meridian(901, 0.00003, every: 2), lapMetres: 3010), Tcx))
            .Is<RunResponse>(HttpStatusCode.Created);

        var patched = (await runner.Runs.PatchAsync(run.Id, """{"notes":"felt easy"}""")).Is<RunResponse>(HttpStatusCode.OK);

        patched.ShouldBe(run with { Notes = "felt easy", Corrections = 1, Note = patched.Note });
    }

    [Fact]
    public async Task an_effort_added_later_brings_its_load()
    {
        var runner = await RunnerInBerlin("importer-tcx-rated");
        var run = (await runner.Imports.RunAsync(Tracks.Tcx(Start, Tracks.Meridian(901, 0.00003, every: 2), lapMetres: 3010), Tcx))
            .Is<RunResponse>(HttpStatusCode.Created);

        await runner.Runs.PatchAsync(run.Id, """{"perceivedEffort":4,"surface":"road"}""");

        (await runner.Trends.LoadAsync("?from=2026-11-20&to=2026-11-20")).Days.Single().Load.ShouldBe(4 * 30.0, 0.01);
    }

    [Fact]
    public async Task the_same_activity_sent_again_answers_the_run_already_logged()
    {
        var runner = api.Runner("importer-again");
        var gpx = Tracks.Gpx(Start, Tracks.Meridian(601, 0.00003, every: 2));
        var first = (await runner.Imports.RunAsync(gpx)).Is<RunResponse>(HttpStatusCode.Created);

        var again = await runner.Imports.RunAsync(gpx, query: "?effort=7");

        again.Is<RunResponse>(HttpStatusCode.OK).ShouldBe(first);
        (await runner.StoredEventTypesAsync()).ShouldBe([typeof(RunLogged)]);
    }

    [Fact]
    public async Task the_same_activity_from_another_export_within_one_percent_is_the_same_run()
    {
        var runner = api.Runner("importer-again-tcx");
        var fixes = Tracks.Meridian(601, 0.00003, every: 2);
        var first = (await runner.Imports.RunAsync(Tracks.Gpx(Start, fixes))).Is<RunResponse>(HttpStatusCode.Created);

        // The watch's TCX export of the same activity: the device measured 0.6% more.
        var tcx = await runner.Imports.RunAsync(Tracks.Tcx(Start, fixes, lapMetres: first.DistanceKm * 1006), Tcx);

        tcx.Is<RunResponse>(HttpStatusCode.OK).Id.ShouldBe(first.Id);
    }

    [Fact]
    public async Task an_activity_two_percent_longer_or_a_second_later_is_another_run()
    {
        var runner = api.Runner("importer-another");
        var fixes = Tracks.Meridian(601, 0.00003, every: 2);
        var first = (await runner.Imports.RunAsync(Tracks.Gpx(Start, fixes))).Is<RunResponse>(HttpStatusCode.Created);

        var longer = await runner.Imports.RunAsync(Tracks.Tcx(Start, fixes, lapMetres: first.DistanceKm * 1020), Tcx);
        var later = await runner.Imports.RunAsync(Tracks.Gpx(Start.AddSeconds(1), fixes));

        (longer.Status, later.Status).ShouldBe((HttpStatusCode.Created, HttpStatusCode.Created));
        (await runner.Runs.ListAsync()).Count.ShouldBe(3);
    }

    [Fact]
    public async Task an_idempotency_key_replays_the_first_answer()
    {
        var runner = api.Runner("importer-key");
        var gpx = Tracks.Gpx(Start, Tracks.Meridian(301, 0.00003, every: 2));
        var first = await runner.Imports.RunAsync(gpx, idempotencyKey: "import-1");

        var replay = await runner.Imports.RunAsync(gpx, idempotencyKey: "import-1");

        (replay.Status, replay.Body, replay.Replayed).ShouldBe((HttpStatusCode.Created, first.Body, true));
    }

    public static TheoryData<string, string, string> Refused => new()
    {
        { Tracks.GpxHead + """<trk><trkseg/></trk></gpx>""",
            "application/gpx+xml", "no track points" },
        { Tracks.GpxHead + """<trk><trkseg><trkpt lat="51" lon="0">""", "application/gpx+xml", "Not a readable GPX" },
        { """<?xml version="1.0"?><gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1"/>""",
            "application/vnd.garmin.tcx+xml", "Not a TCX file" },
        { """<!DOCTYPE gpx [<!ENTITY x SYSTEM "file:///etc/passwd">]>""" +
          """<gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1"><metadata><name>&x;</name></metadata></gpx>""",
            "application/gpx+xml", "DTD" },
        // Points without times: nothing says when the run was.
        { Tracks.GpxHead + """<trk><trkseg><trkpt lat="51" lon="0"/><trkpt lat="51.01" lon="0"/></trkseg></trk></gpx>""",
            "application/gpx+xml", "no times" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task a_file_that_cannot_be_read_as_a_run_is_a_400_that_says_why(string text, string contentType, string reason)
    {
        var runner = api.Runner("importer-refused");

        var answer = await runner.Imports.RunAsync(text, contentType);

        answer.IsProblem(HttpStatusCode.BadRequest).Detail!.ShouldContain(reason);
        (await runner.Runs.ListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_track_standing_still_is_a_400_naming_the_distance()
    {
        var runner = api.Runner("importer-still");

        var answer = await runner.Imports.RunAsync(Tracks.Gpx(Start, [new Fix(0, 51, 0), new Fix(5, 51, 0)]));

        answer.IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe(["distanceKm"]);
    }

    [Fact]
    public async Task a_track_ahead_of_the_clock_is_a_400_naming_the_start()
    {
        var runner = api.Runner("importer-ahead");

        var answer = await runner.Imports.RunAsync(Tracks.Gpx(Start.AddDays(14), Tracks.Meridian(30, 0.0001)));

        answer.IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe(["startedAt"]);
    }

    [Fact]
    public async Task a_file_of_another_media_type_is_a_415_naming_the_ones_read()
    {
        var runner = api.Runner("importer-media");

        var answer = await runner.Imports.RunAsync(Tracks.Gpx(Start, Tracks.Meridian(30, 0.0001)), "application/json");

        answer.IsProblem(HttpStatusCode.UnsupportedMediaType).Detail!.ShouldContain("application/gpx+xml");
    }

    [Fact]
    public async Task a_file_without_a_media_type_is_a_415()
    {
        var runner = api.Runner("importer-no-media");

        var answer = await runner.PostAsync(runner.Imports.RunPath,
            ImportsClient.File(Tracks.Utf8(Tracks.Gpx(Start, Tracks.Meridian(30, 0.0001))), null));

        answer.IsProblem(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("effort=11", "effort")]
    [InlineData("effort=six", "effort")]
    [InlineData("effort=-1", "effort")]
    [InlineData("surface=moon", "surface")]
    [InlineData("surface=1", "surface")]
    public async Task a_bad_option_is_a_400_naming_it(string query, string field)
    {
        var runner = api.Runner("importer-options");

        var answer = await runner.Imports.RunAsync(Tracks.Gpx(Start, Tracks.Meridian(30, 0.0001)), query: "?" + query);

        answer.IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe([field]);
    }

    [Fact]
    public async Task a_file_over_20_mb_is_a_413_that_says_the_limit()
    {
        var runner = api.Runner("importer-oversized");

        var answer = await runner.PostAsync(runner.Imports.RunPath, ImportsClient.File(new byte[21 * 1024 * 1024], "application/gpx+xml"));

        answer.IsProblem(HttpStatusCode.RequestEntityTooLarge).Detail!.ShouldContain("20 MB");
        (await runner.Runs.ListAsync()).ShouldBeEmpty();
        api.Logs.Lines.ShouldNotContain(l => l.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task other_routes_keep_their_small_body_limit()
    {
        var runner = api.Runner("importer-small-limit");

        var answer = await runner.PostAsync(runner.Runs.Path, ImportsClient.File(new byte[2 * 1024 * 1024], "application/json"));

        answer.IsProblem(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task an_archive_of_another_media_type_is_a_415()
    {
        var runner = api.Runner("archive-media");

        var answer = await runner.Imports.ArchiveAsync(Tracks.Zip([("a.gpx", Gpx)]), "application/octet-stream");

        answer.IsProblem(HttpStatusCode.UnsupportedMediaType);
    }

    public static TheoryData<string, string> HostileArchives => new()
    {
        { "not-a-zip", "Not a ZIP" },
        { "no-activities", "no .gpx or .tcx" },
        { "climbing-out", "climbs out" },
        { "absolute", "absolute" },
        { "control-character", "control" },
        { "zip-bomb", "zip bomb" },
    };

    [Theory]
    [MemberData(nameof(HostileArchives))]
    public async Task a_hostile_or_empty_archive_is_refused_whole_saying_why(string archive, string reason)
    {
        var runner = api.Runner("archive-hostile-" + archive);

        var answer = await runner.Imports.ArchiveAsync(ArchiveOf(archive));

        answer.IsProblem(HttpStatusCode.BadRequest).Detail!.ShouldContain(reason);
        await using var session = api.Store.QuerySession();
        (await session.Query<RunImport>().CountAsync(i => i.RunnerId == runner.Id)).ShouldBe(0);
        api.Logs.Lines.ShouldNotContain(l => l.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task an_archive_with_a_bad_option_is_a_400()
    {
        var runner = api.Runner("archive-options");

        (await runner.Imports.ArchiveAsync(Tracks.Zip([("a.gpx", Gpx)]), query: "?effort=0")).IsProblem(HttpStatusCode.BadRequest)
            .Fields.ShouldBe(["effort"]);
    }

    [Fact]
    public async Task an_import_never_made_is_not_found()
    {
        var runner = api.Runner("archive-unknown");

        (await runner.Imports.GetAsync(Guid.NewGuid())).IsProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_archive_is_accepted_as_a_queued_import()
    {
        var runner = api.Runner("archive-owner");

        var posted = await runner.Imports.ArchiveAsync(Tracks.Zip([("a.gpx", Gpx)]));

        var import = posted.Is<RunImportResponse>(HttpStatusCode.Accepted);
        posted.Location.ShouldBe($"/runners/archive-owner/imports/{import.Id}");
        (await runner.Imports.ReadAsync(import.Id)).ShouldReadAs(new RunImportResponse(import.Id, RunImportStatus.Queued, 1, 0, 0, [],
            import.RequestedAt, null));
    }

    [Fact]
    public async Task another_runners_import_is_forbidden_under_their_path_and_not_found_under_yours()
    {
        var import = (await api.Runner("archive-mine").Imports.ArchiveAsync(Tracks.Zip([("a.gpx", Gpx)])))
            .Is<RunImportResponse>(HttpStatusCode.Accepted);
        var other = api.Runner("archive-other");

        (await other.GetAsync($"/runners/archive-mine/imports/{import.Id}")).IsProblem(HttpStatusCode.Forbidden);
        (await other.Imports.GetAsync(import.Id)).IsProblem(HttpStatusCode.NotFound);
    }

    private static byte[] Gpx => Tracks.Utf8(Tracks.Gpx(Start, Tracks.Meridian(30, 0.0001)));

    private static byte[] ArchiveOf(string name) => name switch
    {
        "not-a-zip" => Gpx,
        "no-activities" => Tracks.Zip([("notes.txt", Gpx)]),
        "climbing-out" => Tracks.Zip([("a.gpx", Gpx), ("../../etc/b.gpx", Gpx)]),
        "absolute" => Tracks.Zip([("a.gpx", Gpx), ("/abs/b.gpx", Gpx)]),
        "control-character" => Tracks.Zip([("a\u0000.gpx", Gpx)]),
        _ => Tracks.Zip([("bomb.gpx", new byte[8 * 1024 * 1024])]),
    };
}
