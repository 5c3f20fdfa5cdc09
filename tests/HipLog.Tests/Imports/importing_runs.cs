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

    [Fact]
    public async Task a_gpx_file_becomes_a_run_starting_on_the_runners_clock()
    {
        var runner = await api.RunnerInBerlinAsync("importer-gpx");

        var run = (await runner.Imports.RunAsync(Tracks.Gpx(Start, RunWithAStop(), "Deich & Dünen"), query: "?effort=6&surface=trail"))
            .Is<RunResponse>(HttpStatusCode.Created);

        run.DistanceKm.ShouldBe(MeridianKm, 0.005 * MeridianKm);
        run.StartedAt.OnTheirClock().ShouldBe("2026-11-20T07:30:00+01:00");
        run.ShouldBe(new RunResponse(run.Id, Start, run.DistanceKm, 1200, 6, Surface.Trail, "Deich & Dünen", null, null, 0, 6, null, null));
    }

    [Fact]
    public async Task an_imported_run_is_found_at_its_location()
    {
        var runner = await api.RunnerInBerlinAsync("importer-gpx-read");

        var created = await runner.Imports.RunAsync(Tracks.Gpx(Start, RunWithAStop()), query: "?effort=6");

        var run = created.Is<RunResponse>(HttpStatusCode.Created);
        created.Location.ShouldBe($"/runners/importer-gpx-read/runs/{run.Id}");
        (await runner.Runs.ReadAsync(run.Id)).ShouldBe(run);
    }

    [Fact]
    public async Task an_imported_run_with_an_effort_counts_its_load()
    {
        var runner = await api.RunnerInBerlinAsync("importer-gpx-load");

        await runner.Imports.RunAsync(Tracks.Gpx(Start, RunWithAStop()), query: "?effort=6");

        (await runner.Trends.LoadAsync("?from=2026-11-20&to=2026-11-20")).Days.Single().Load.ShouldBe(6 * 1200 / 60.0, 0.01);
    }

    [Fact]
    public async Task a_tcx_file_without_an_effort_is_logged_with_its_lap_distance_and_a_note()
    {
        var runner = await api.RunnerInBerlinAsync("importer-tcx");

        var run = (await runner.Imports.RunAsync(Tracks.Tcx(Start, Tracks.Meridian(901, 0.00003, every: 2), lapMetres: 3010),
            Tcx + "; charset=utf-8")).Is<RunResponse>(HttpStatusCode.Created);

        run.Note!.ShouldContain("counts no session-RPE load");
        run.ShouldBe(new RunResponse(run.Id, Start, 3.01, 1800, null, null, null, null, null, 0, null, null, null, run.Note));
    }

    [Fact]
    public async Task a_run_without_an_effort_counts_its_distance_and_time_but_no_load()
    {
        var runner = await api.RunnerInBerlinAsync("importer-tcx-load");

        await runner.Imports.RunAsync(Tracks.Tcx(Start, Tracks.Meridian(901, 0.00003, every: 2), lapMetres: 3010), Tcx);

        var day = (await runner.Trends.LoadAsync("?from=2026-11-20&to=2026-11-20")).Days.Single();
        (day.DistanceKm, day.MovingSeconds, day.Load).ShouldBe((3.01, 1800, 0.0));
    }

    [Fact]
    public async Task patching_another_field_keeps_a_run_without_an_effort()
    {
        var runner = await api.RunnerInBerlinAsync("importer-tcx-patch");
        var run = (await runner.Imports.RunAsync(Tracks.Tcx(Start, Tracks.Meridian(901, 0.00003, every: 2), lapMetres: 3010), Tcx))
            .Is<RunResponse>(HttpStatusCode.Created);

        var patched = (await runner.Runs.PatchAsync(run.Id, """{"notes":"felt easy"}""")).Is<RunResponse>(HttpStatusCode.OK);

        patched.ShouldBe(run with { Notes = "felt easy", Corrections = 1, Note = patched.Note });
    }

    [Fact]
    public async Task an_effort_added_later_brings_its_load()
    {
        var runner = await api.RunnerInBerlinAsync("importer-tcx-rated");
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
}
