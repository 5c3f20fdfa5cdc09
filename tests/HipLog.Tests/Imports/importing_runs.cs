using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using HipLog.Tests.Support;
using Microsoft.Extensions.Logging;

namespace HipLog.Tests.Imports;

/// <summary>POST /runners/{id}/runs/import: one GPX or TCX file into one run, through the real Api.</summary>
public sealed class importing_runs(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 6, 30, 0, TimeSpan.Zero);

    private static ByteArrayContent File(string text, string contentType = "application/gpx+xml")
    {
        var content = new ByteArrayContent(Tracks.Utf8(text));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

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

    private async Task<HttpClient> RunnerInBerlin(string runner)
    {
        var client = api.ClientFor(runner);
        (await client.PutJson($"/runners/{runner}/profile", new { displayName = "Ana", timeZone = "Europe/Berlin" }))
            .EnsureSuccessStatusCode();
        return client;
    }

    [Fact]
    public async Task a_gpx_file_becomes_a_run_with_its_start_on_the_runners_clock_and_its_moving_time()
    {
        var client = await RunnerInBerlin("importer-gpx");

        var created = await client.PostAsync("/runners/importer-gpx/runs/import?effort=6&surface=trail",
            File(Tracks.Gpx(Start, RunWithAStop(), "Deich & Dünen")));

        var run = await created.ShouldBeJson(HttpStatusCode.Created);
        created.Headers.Location!.ToString().ShouldBe($"/runners/importer-gpx/runs/{run["id"]}");
        run["startedAt"]!.GetValue<string>().ShouldBe("2026-11-20T07:30:00+01:00");
        // 1,200 steps of 0.00003° along the meridian: 0.036° = 4.003 km.
        run["distanceKm"]!.GetValue<double>().ShouldBe(0.036 * Tracks.KmPerDegree, 0.005 * 0.036 * Tracks.KmPerDegree);
        run["durationSeconds"]!.GetValue<int>().ShouldBe(1200);
        run["elevationGainM"]!.GetValue<double>().ShouldBe(6);
        run["routeName"]!.GetValue<string>().ShouldBe("Deich & Dünen");
        (run["perceivedEffort"]!.GetValue<int>(), run["surface"]!.GetValue<string>()).ShouldBe((6, "trail"));
        run.AsObject().ContainsKey("note").ShouldBeFalse();
        (await (await client.GetAsync(created.Headers.Location)).ShouldBeJson(HttpStatusCode.OK)).ToJsonString()
            .ShouldBe(run.ToJsonString());

        var load = await (await client.GetAsync("/runners/importer-gpx/training-load?from=2026-11-20&to=2026-11-20"))
            .ShouldBeJson(HttpStatusCode.OK);
        load["days"]![0]!["load"]!.GetValue<double>().ShouldBe(6 * 1200 / 60.0, 0.01);
    }

    [Fact]
    public async Task a_tcx_file_without_effort_is_logged_with_its_lap_distance_and_counts_no_load()
    {
        var client = await RunnerInBerlin("importer-tcx");

        var created = await client.PostAsync("/runners/importer-tcx/runs/import",
            File(Tracks.Tcx(Start, Tracks.Meridian(901, 0.00003, every: 2), lapMetres: 3010),
                "application/vnd.garmin.tcx+xml; charset=utf-8"));

        var run = await created.ShouldBeJson(HttpStatusCode.Created);
        run["distanceKm"]!.GetValue<double>().ShouldBe(3.01);
        run["durationSeconds"]!.GetValue<int>().ShouldBe(1800);
        run["perceivedEffort"].ShouldBeNull();
        run["note"]!.GetValue<string>().ShouldContain("counts no session-RPE load");
        run["surface"].ShouldBeNull();
        run["routeName"].ShouldBeNull();

        var day = (await (await client.GetAsync("/runners/importer-tcx/training-load?from=2026-11-20&to=2026-11-20"))
            .ShouldBeJson(HttpStatusCode.OK))["days"]![0]!;
        (day["distanceKm"]!.GetValue<double>(), day["movingSeconds"]!.GetValue<int>(), day["load"]!.GetValue<double>())
            .ShouldBe((3.01, 1800, 0.0));

        // A patch of another field keeps the run without effort; adding the effort later brings its load.
        var url = created.Headers.Location!.ToString();
        var patch = new StringContent("""{"notes":"felt easy"}""", System.Text.Encoding.UTF8, "application/merge-patch+json");
        (await (await client.PatchAsync(url, patch)).ShouldBeJson(HttpStatusCode.OK))["perceivedEffort"].ShouldBeNull();
        var rated = new StringContent("""{"perceivedEffort":4,"surface":"road"}""", System.Text.Encoding.UTF8,
            "application/merge-patch+json");
        (await (await client.PatchAsync(url, rated)).ShouldBeJson(HttpStatusCode.OK))["perceivedEffort"]!.GetValue<int>().ShouldBe(4);
    }

    [Fact]
    public async Task the_same_activity_sent_again_answers_the_run_already_logged_and_appends_nothing()
    {
        var client = api.ClientFor("importer-again");
        var fixes = Tracks.Meridian(601, 0.00003, every: 2);
        var first = await (await client.PostAsync("/runners/importer-again/runs/import", File(Tracks.Gpx(Start, fixes))))
            .ShouldBeJson(HttpStatusCode.Created);

        var again = await client.PostAsync("/runners/importer-again/runs/import?effort=7", File(Tracks.Gpx(Start, fixes)));
        (await again.ShouldBeJson(HttpStatusCode.OK))["id"]!.GetValue<Guid>().ShouldBe(first["id"]!.GetValue<Guid>());
        // The same activity from the watch's TCX export: the device measured 0.6% more.
        var tcx = await client.PostAsync("/runners/importer-again/runs/import",
            File(Tracks.Tcx(Start, fixes, lapMetres: first["distanceKm"]!.GetValue<double>() * 1006), "application/vnd.garmin.tcx+xml"));
        (await tcx.ShouldBeJson(HttpStatusCode.OK))["id"]!.GetValue<Guid>().ShouldBe(first["id"]!.GetValue<Guid>());
        // Another activity: 2% longer, or a second later.
        (await client.PostAsync("/runners/importer-again/runs/import",
            File(Tracks.Tcx(Start, fixes, lapMetres: first["distanceKm"]!.GetValue<double>() * 1020), "application/vnd.garmin.tcx+xml")))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsync("/runners/importer-again/runs/import", File(Tracks.Gpx(Start.AddSeconds(1), fixes))))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        (await client.List("/runners/importer-again/runs")).Count.ShouldBe(3);
    }

    [Fact]
    public async Task an_idempotency_key_replays_the_first_answer()
    {
        var client = api.ClientFor("importer-key");
        client.DefaultRequestHeaders.Add("Idempotency-Key", "import-1");
        var text = Tracks.Gpx(Start, Tracks.Meridian(301, 0.00003, every: 2));
        var first = await client.PostAsync("/runners/importer-key/runs/import", File(text));
        var replay = await client.PostAsync("/runners/importer-key/runs/import", File(text));

        replay.StatusCode.ShouldBe(HttpStatusCode.Created);
        replay.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await replay.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
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
    public async Task a_file_that_is_empty_malformed_or_not_what_it_says_is_a_400_that_says_why(string text, string contentType,
        string reason)
    {
        var client = api.ClientFor("importer-refused");
        var problem = await (await client.PostAsync("/runners/importer-refused/runs/import", File(text, contentType)))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        problem["detail"]!.GetValue<string>().ShouldContain(reason);
        (await client.List("/runners/importer-refused/runs")).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_track_that_breaks_the_bounds_of_a_run_is_a_400_naming_the_field()
    {
        var client = api.ClientFor("importer-bounds");
        // Five seconds standing still: no distance.
        var problem = await (await client.PostAsync("/runners/importer-bounds/runs/import",
            File(Tracks.Gpx(Start, [new Fix(0, 51, 0), new Fix(5, 51, 0)]))))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["distanceKm"]);
        // A week ahead of the Api's clock.
        var ahead = await (await client.PostAsync("/runners/importer-bounds/runs/import",
            File(Tracks.Gpx(Start.AddDays(14), Tracks.Meridian(30, 0.0001))))).ShouldBeProblem(HttpStatusCode.BadRequest);
        ahead.ErrorFields().ShouldBe(["startedAt"]);
    }

    [Fact]
    public async Task the_wrong_media_type_bad_options_and_an_oversized_file_are_problems()
    {
        var client = api.ClientFor("importer-hostile");
        var gpx = Tracks.Gpx(Start, Tracks.Meridian(30, 0.0001));

        (await (await client.PostAsync("/runners/importer-hostile/runs/import", File(gpx, "application/json")))
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType))
            ["detail"]!.GetValue<string>().ShouldContain("application/gpx+xml");
        (await (await client.PostAsync("/runners/importer-hostile/runs/import", new ByteArrayContent(Tracks.Utf8(gpx))))
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType)).ShouldNotBeNull();
        foreach (var query in new[] { "effort=11", "effort=six", "effort=-1", "surface=moon", "surface=1" })
            (await (await client.PostAsync($"/runners/importer-hostile/runs/import?{query}", File(gpx)))
                .ShouldBeProblem(HttpStatusCode.BadRequest))
                .ErrorFields().Length.ShouldBe(1);

        var oversized = new ByteArrayContent(new byte[21 * 1024 * 1024]);
        oversized.Headers.ContentType = MediaTypeHeaderValue.Parse("application/gpx+xml");
        (await (await client.PostAsync("/runners/importer-hostile/runs/import", oversized))
            .ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge))
            ["detail"]!.GetValue<string>().ShouldContain("20 MB");
        // Other routes keep the small limit.
        var big = new ByteArrayContent(new byte[2 * 1024 * 1024]);
        big.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
        await (await client.PostAsync("/runners/importer-hostile/runs", big)).ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);

        (await client.List("/runners/importer-hostile/runs")).ShouldBeEmpty();
        api.Logs.Lines.ShouldNotContain(l => l.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task an_archive_that_is_not_a_zip_holds_no_activities_or_hostile_names_is_refused_whole_and_nothing_is_queued()
    {
        var client = api.ClientFor("archive-hostile");
        var gpx = Tracks.Utf8(Tracks.Gpx(Start, Tracks.Meridian(30, 0.0001)));
        static ByteArrayContent Zip(byte[] bytes, string type = "application/zip")
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            return content;
        }

        await (await client.PostAsync("/runners/archive-hostile/imports", Zip(Tracks.Zip([("a.gpx", gpx)]), "application/octet-stream")))
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
        foreach (var (body, reason) in new (byte[], string)[]
                 {
                     (gpx, "Not a ZIP"),
                     (Tracks.Zip([("notes.txt", gpx)]), "no .gpx or .tcx"),
                     (Tracks.Zip([("a.gpx", gpx), ("../../etc/b.gpx", gpx)]), "climbs out"),
                     (Tracks.Zip([("a.gpx", gpx), ("/abs/b.gpx", gpx)]), "absolute"),
                     (Tracks.Zip([("a\u0000.gpx", gpx)]), "control"),
                     (Tracks.Zip([("bomb.gpx", new byte[8 * 1024 * 1024])]), "zip bomb"),
                 })
            (await (await client.PostAsync("/runners/archive-hostile/imports", Zip(body))).ShouldBeProblem(HttpStatusCode.BadRequest))
                ["detail"]!.GetValue<string>().ShouldContain(reason);
        (await client.PostAsync("/runners/archive-hostile/imports?effort=0", Zip(Tracks.Zip([("a.gpx", gpx)]))))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        await using var session = api.Store.QuerySession();
        (await Marten.QueryableExtensions.CountAsync(session.Query<HipLog.Domain.Imports.RunImport>()
            .Where(i => i.RunnerId == "archive-hostile"))).ShouldBe(0);
        await (await client.GetAsync($"/runners/archive-hostile/imports/{Guid.NewGuid()}")).ShouldBeProblem(HttpStatusCode.NotFound);
        api.Logs.Lines.ShouldNotContain(l => l.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task an_archive_import_is_read_by_its_runner_only()
    {
        var owner = api.ClientFor("archive-owner");
        var posted = await owner.PostAsync("/runners/archive-owner/imports",
            new ByteArrayContent(Tracks.Zip([("a.gpx", Tracks.Utf8(Tracks.Gpx(Start, Tracks.Meridian(30, 0.0001))))]))
        {
            Headers = { ContentType = MediaTypeHeaderValue.Parse("application/zip") },
        });
        var id = (await posted.ShouldBeJson(HttpStatusCode.Accepted))["id"]!.GetValue<Guid>();
        (await (await owner.GetAsync($"/runners/archive-owner/imports/{id}")).ShouldBeJson(HttpStatusCode.OK))["status"]!.GetValue<string>()
            .ShouldBe("queued");

        var other = api.ClientFor("archive-other");
        await (await other.GetAsync($"/runners/archive-owner/imports/{id}")).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await other.GetAsync($"/runners/archive-other/imports/{id}")).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
