using System.Net;
using HipLog.Api.Runs;
using HipLog.Domain.Runs;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using static HipLog.Tests.Imports.FitSamples;

namespace HipLog.Tests.Imports;

/// <summary>POST /runners/{id}/runs/import with a FIT file, through the real Api: runs, duplicates, several sessions, refusals.</summary>
public sealed class importing_fit_files(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Fit = "application/vnd.ant.fit";
    private const string Octets = "application/octet-stream";
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 6, 30, 0, TimeSpan.Zero);
    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task a_fit_file_becomes_a_run_with_the_watchs_totals_and_heart_rate()
    {
        var runner = await api.RunnerInBerlinAsync("fit-importer");

        var created = await runner.Imports.RunAsync(Run(Start), Fit, "?effort=5");

        var run = created.Is<RunResponse>(HttpStatusCode.Created);
        created.Location.ShouldBe($"/runners/fit-importer/runs/{run.Id}");
        run.StartedAt.OnTheirClock().ShouldBe("2026-11-20T07:30:00+01:00");
        run.ShouldBe(new RunResponse(run.Id, Start, 3.636, 1080, 5, Surface.Trail, null, null, null, 0, 120, 150, 159));
        (await runner.Runs.ReadAsync(run.Id)).ShouldBe(run);
    }

    [Fact]
    public async Task the_runners_surface_counts_over_the_files()
    {
        var runner = await api.RunnerInBerlinAsync("fit-surface");

        var run = (await runner.Imports.RunAsync(Run(Start), Fit, "?surface=grass")).Is<RunResponse>(HttpStatusCode.Created);

        run.Surface.ShouldBe(Surface.Grass);
    }

    [Fact]
    public async Task octets_that_start_like_a_fit_file_are_read_as_one_and_the_same_activity_again_is_a_200()
    {
        var runner = await api.RunnerInBerlinAsync("fit-octets");
        var first = (await runner.Imports.RunAsync(Run(Start), Octets)).Is<RunResponse>(HttpStatusCode.Created);

        var again = await runner.Imports.RunAsync(Run(Start), Fit);

        again.Is<RunResponse>(HttpStatusCode.OK).Id.ShouldBe(first.Id);
        (await runner.Runs.ListAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task the_gpx_of_an_activity_already_imported_as_fit_logs_it_once()
    {
        var runner = await api.RunnerInBerlinAsync("fit-then-gpx");
        var fit = (await runner.Imports.RunAsync(Run(Start), Fit)).Is<RunResponse>(HttpStatusCode.Created);
        // The GPX the platform exports of the same activity: the same points, to a centimetre of the session's distance.
        var fixes = Enumerable.Range(0, 1201).Select(i => new Fix(i, 51 + Degrees(i) * 1.01, 0)).ToList();

        var gpx = await runner.Imports.RunAsync(Tracks.Gpx(Start, fixes));

        gpx.Is<RunResponse>(HttpStatusCode.OK).Id.ShouldBe(fit.Id);
    }

    [Fact]
    public async Task a_file_of_several_running_sessions_logs_each_and_lists_them_in_items()
    {
        var runner = await api.RunnerInBerlinAsync("fit-brick");
        var (bike, second) = (Start.AddMinutes(10), Start.AddMinutes(40));
        var brick = Activity().Records(Start, 600).Session(Start, 600, Running, Street).Records(bike, 1800).Session(bike, 1800, Cycling, 0)
            .Records(second, 900).Session(second, 900, Running, Street).End(second.AddSeconds(900), 3).Build();

        var created = await runner.Imports.RunAsync(brick, Fit);

        var answer = created.Is<RunResponse>(HttpStatusCode.Created);
        created.Location.ShouldBe($"/runners/fit-brick/runs/{answer.Id}");
        answer.Items!.Select(r => (r.StartedAt, r.DurationSeconds)).ShouldBe([(Start, 540), (second, 810)]);
        (await runner.Runs.ListAsync()).Select(r => r.Id).ShouldBe(answer.Items!.Select(r => r.Id));
        (await runner.Imports.RunAsync(brick, Fit)).Is<RunResponse>(HttpStatusCode.OK).Items!.Select(r => r.Id)
            .ShouldBe(answer.Items!.Select(r => r.Id));
    }

    public static TheoryData<byte[], string> Refused => new()
    {
        { Run(Start, 60, sport: Cycling), "its sport is cycling" },
        { Run(Start, 60).Select((b, i) => i == 40 ? (byte)(b ^ 0xFF) : b).ToArray(), "CRC" },
        { Activity().Build(claimedSize: uint.MaxValue), "shorter than its header says" },
        { [], "empty" },
        { Activity().Raw(0x07, 1, 2, 3).Build(), "local message type 7" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task a_fit_file_that_holds_no_run_is_a_400_that_says_why(byte[] file, string reason)
    {
        var runner = api.Runner("fit-refused");

        (await runner.Imports.RunAsync(file, Fit)).IsProblem(HttpStatusCode.BadRequest).Detail!.ShouldContain(reason);
        (await runner.Runs.ListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task octets_that_are_not_a_fit_file_are_a_415_naming_the_types_read()
    {
        var answer = await api.Runner("fit-octets-refused").Imports.RunAsync(Tracks.Utf8(Tracks.Gpx(Start, Tracks.Meridian(30, 0.0001))),
            Octets);

        answer.IsProblem(HttpStatusCode.UnsupportedMediaType).Detail!.ShouldContain(Fit);
    }
}
