using System.Net;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using Microsoft.Extensions.Logging;

namespace HipLog.Tests.Imports;

/// <summary>POST /runners/{id}/runs/import with a file that cannot become a run: each is a problem that says why, and
/// nothing is stored.</summary>
public sealed class refusing_activity_files(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 6, 30, 0, TimeSpan.Zero);

    private readonly HipLogApi api = fixture.Api;

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
}
