using System.Net;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Http;

/// <summary>The wire format itself: field names, messages and option spellings as a client reads them.</summary>
public sealed class consistent_answers(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string RunWithThreeMistakes = """
        { "startedAt": "2026-11-25T07:10:00+01:00", "distanceKm": -1, "durationSeconds": 2700, "perceivedEffort": 6,
          "surface": "lava", "pace": "4:50" }
        """;

    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task an_unknown_field_is_named_with_every_other_invalid_field()
    {
        var runner = api.Runner("runner-every-field");

        var problem = (await runner.Runs.PostAsync(RunWithThreeMistakes)).IsProblem(HttpStatusCode.BadRequest);

        problem.Messages["pace"].ShouldBe(["Unknown field."]);
        problem.Fields.ShouldBe(["distanceKm", "pace", "surface"]);
        (await runner.Runs.ListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task an_unknown_option_is_answered_with_the_options_spelt_as_the_api_reads_them()
    {
        var runner = api.Runner("runner-every-option");

        var problem = (await runner.Runs.PostAsync(RunWithThreeMistakes)).IsProblem(HttpStatusCode.BadRequest);

        problem.Messages["surface"].ShouldBe(["Unknown option: use one of road, trail, track, treadmill, grass."]);
        problem.Messages["distanceKm"].ShouldBe(["Must be more than 0 and at most 300 km."]);
        problem.Detail!.ShouldNotContain("HipLog.");
    }

    [Fact]
    public async Task nested_fields_of_a_session_are_named_by_their_path()
    {
        var runner = api.Runner("runner-every-nested");

        var answer = await runner.Stretching.PostAsync("""
            { "completedAt": "2026-11-25T19:00:00+01:00", "painBefore": 11,
              "exercises": [ { "exerciseId": "garland-pose", "side": "middle", "holdBreaths": 8 },
                             { "exerciseId": "lizard-lower-lunge", "side": "left", "sets": 0, "tempo": 2 } ] }
            """);

        answer.IsProblem(HttpStatusCode.BadRequest)
            .Fields.ShouldBe(["exercises[0].side", "exercises[1].sets", "exercises[1].tempo", "painBefore"]);
    }

    [Fact]
    public async Task nested_red_flags_are_named_by_their_path()
    {
        var runner = api.Runner("runner-every-flags");

        var answer = await runner.Pain.PostAsync("""
            { "reportedAt": "2026-11-25T09:00", "score": 12, "location": "front-hip", "side": "left", "timing": "after-run",
              "character": "ache", "redFlags": { "painAtNight": "yes", "painAtDawn": true } }
            """);

        answer.IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe(["redFlags.painAtDawn", "redFlags.painAtNight", "reportedAt", "score"]);
    }

    [Fact]
    public async Task a_correction_names_its_mistakes_as_a_create_does()
    {
        var runner = api.Runner("runner-every-correction");
        var run = await runner.Runs.CreateAsync();

        var answer = await runner.Runs.PutAsync(run.Id, """
            { "startedAt": "2026-11-25T07:10:00+01:00", "distanceKm": 8, "durationSeconds": 0, "perceivedEffort": 6, "surface": "sand",
              "shoe": "x" }
            """);

        answer.IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe(["durationSeconds", "shoe", "surface"]);
    }

    [Fact]
    public async Task a_profile_with_an_unknown_field_still_names_its_other_mistakes()
    {
        var runner = api.Runner("runner-every-profile");

        var answer = await runner.Profiles.PutAsync("""
            { "displayName": " ", "timeZone": "Mars/Olympus", "reminderTime": "7 o'clock", "nickname": "Al" }
            """);

        answer.IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe(["displayName", "nickname", "reminderTime", "timeZone"]);
    }

    [Fact]
    public async Task a_syntax_error_is_a_400_that_says_the_body_could_not_be_read()
    {
        var runner = api.Runner("runner-every-syntax");

        var problem = (await runner.Runs.PostAsync("""{ "distanceKm": 8, """)).IsProblem(HttpStatusCode.BadRequest);

        problem.Title.ShouldBe("The request body could not be read");
        problem.Detail!.ShouldNotContain("HipLog.");
    }

    [Fact]
    public async Task stretch_effectiveness_shows_only_documented_figures()
    {
        var runner = api.Runner("runner-every-report");
        await runner.Stretching.CreateAsync(Sample.Session(exerciseIds: ["garland-pose"]));

        var answer = await runner.GetAsync($"{runner.Path}/stretch-effectiveness");

        answer.Body.ShouldBe("""{"runnerId":"runner-every-report","exercises":[{"exerciseId":"garland""" +
            """-pose","sessions":1,"ratedSessions":1,"meanPainChange":-2,"timesRaised":0}]}""");
    }

    [Fact]
    public async Task every_report_names_its_runner()
    {
        var runner = api.Runner("runner-every-named");

        (await runner.Trends.PainAsync()).RunnerId.ShouldBe("runner-every-named");
        (await runner.Trends.LoadAsync()).RunnerId.ShouldBe("runner-every-named");
        (await runner.Trends.StretchEffectivenessAsync()).RunnerId.ShouldBe("runner-every-named");
    }

    [Fact]
    public async Task a_report_link_expires_on_the_runners_clock()
    {
        var runner = api.Runner("runner-every-clock");
        await runner.Profiles.SetAsync(Sample.Profile("Ana", "America/New_York"));

        var link = await runner.Trends.LinkAsync();

        link.ExpiresAt.Offset.ShouldBe(TimeSpan.FromHours(-5));
    }
}
