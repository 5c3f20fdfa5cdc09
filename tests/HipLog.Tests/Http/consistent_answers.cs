using System.Net;
using HipLog.Tests.Support;

namespace HipLog.Tests.Http;

public sealed class consistent_answers(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task an_unknown_field_and_an_unknown_option_are_named_with_every_other_invalid_field()
    {
        var client = api.ClientFor("runner-every-field");
        const string body = """
            { "startedAt": "2026-11-25T07:10:00+01:00", "distanceKm": -1, "durationSeconds": 2700, "perceivedEffort": 6,
              "surface": "lava", "pace": "4:50" }
            """;

        var problem = await (await client.PostRaw("/runners/runner-every-field/runs", body)).ShouldBeProblem(HttpStatusCode.BadRequest);

        problem.ErrorFields().ShouldBe(["distanceKm", "pace", "surface"]);
        problem["errors"]!["pace"]![0]!.GetValue<string>().ShouldBe("Unknown field.");
        problem["errors"]!["surface"]![0]!.GetValue<string>().ShouldBe("Unknown option: use one of road, trail, track, treadmill, grass.");
        problem["errors"]!["distanceKm"]![0]!.GetValue<string>().ShouldBe("Must be more than 0 and at most 300 km.");
        problem["detail"]!.GetValue<string>().ShouldNotContain("HipLog.");
        (await client.List("/runners/runner-every-field/runs")).ShouldBeEmpty();
    }

    [Fact]
    public async Task nested_fields_are_named_by_their_path_and_a_correction_answers_the_same()
    {
        var client = api.ClientFor("runner-every-nested");
        const string session = """
            { "completedAt": "2026-11-25T19:00:00+01:00", "painBefore": 11,
              "exercises": [ { "exerciseId": "garland-pose", "side": "middle", "holdBreaths": 8 },
                             { "exerciseId": "lizard-lower-lunge", "side": "left", "sets": 0, "tempo": 2 } ] }
            """;
        (await (await client.PostRaw("/runners/runner-every-nested/stretch-sessions", session)).ShouldBeProblem(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["exercises[0].side", "exercises[1].sets", "exercises[1].tempo", "painBefore"]);

        const string pain = """
            { "reportedAt": "2026-11-25T09:00", "score": 12, "location": "front-hip", "side": "left", "timing": "after-run",
              "character": "ache", "redFlags": { "painAtNight": "yes", "painAtDawn": true } }
            """;
        (await (await client.PostRaw("/runners/runner-every-nested/pain-reports", pain)).ShouldBeProblem(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["redFlags.painAtDawn", "redFlags.painAtNight", "reportedAt", "score"]);

        var runId = await client.Create("/runners/runner-every-nested/runs", Scenarios.Run());
        using var correction = new HttpRequestMessage(HttpMethod.Put, $"/runners/runner-every-nested/runs/{runId}")
        {
            Content = new StringContent("""
                { "startedAt": "2026-11-25T07:10:00+01:00", "distanceKm": 8, "durationSeconds": 0, "perceivedEffort": 6, "surface": "sand",
                  "shoe": "x" }
                """,
                System.Text.Encoding.UTF8, "application/json"),
        };
        (await (await client.SendAsync(correction)).ShouldBeProblem(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["durationSeconds", "shoe", "surface"]);
    }

    [Fact]
    public async Task a_profile_with_an_unknown_field_still_names_its_other_mistakes()
    {
        var client = api.ClientFor("runner-every-profile");

        var problem = await (await client.PutJson("/runners/runner-every-profile/profile",
            new { displayName = " ", timeZone = "Mars/Olympus", reminderTime = "7 o'clock", nickname = "Al" }))
                .ShouldBeProblem(HttpStatusCode.BadRequest);

        problem.ErrorFields().ShouldBe(["displayName", "nickname", "reminderTime", "timeZone"]);
    }

    [Fact]
    public async Task a_syntax_error_is_still_a_400_that_says_what_is_wrong()
    {
        var problem = await (await api.ClientFor("runner-every-syntax")
            .PostRaw("/runners/runner-every-syntax/runs", """{ "distanceKm": 8, """))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        problem["title"]!.GetValue<string>().ShouldBe("The request body could not be read");
        problem["detail"]!.GetValue<string>().ShouldNotContain("HipLog.");
    }

    [Fact]
    public async Task stretch_effectiveness_names_the_runner_like_every_report_and_shows_only_documented_figures()
    {
        var client = api.ClientFor("runner-every-report");
        await client.Create("/runners/runner-every-report/stretch-sessions", Scenarios.Session(exerciseIds: ["garland-pose"]));

        var effectiveness = await (await client.GetAsync("/runners/runner-every-report/stretch-effectiveness"))
            .ShouldBeJson(HttpStatusCode.OK);
        var trend = await (await client.GetAsync("/runners/runner-every-report/pain-trend")).ShouldBeJson(HttpStatusCode.OK);
        var load = await (await client.GetAsync("/runners/runner-every-report/training-load")).ShouldBeJson(HttpStatusCode.OK);

        effectiveness.ToJsonString().ShouldBe(
            """{"runnerId":"runner-every-report","exercises":[{"exerciseId":"garland-pose","sessions":1,"ratedSessions":""" +
            """1,"meanPainChange":-2,"timesRaised":0}]}""");
        trend["runnerId"]!.GetValue<string>().ShouldBe("runner-every-report");
        load["runnerId"]!.GetValue<string>().ShouldBe("runner-every-report");
    }

    [Fact]
    public async Task the_profile_and_a_report_link_are_dated_on_the_runners_clock()
    {
        var client = api.ClientFor("runner-every-clock");
        var profile = await (await client.PutJson("/runners/runner-every-clock/profile", new { displayName = "Ana",
            timeZone = "America/New_York" }))
            .ShouldBeJson(HttpStatusCode.Created);
        var link = await (await client.PostAsync("/runners/runner-every-clock/report-links", null)).ShouldBeJson(HttpStatusCode.Created);

        // The Api's clock reads 2026-11-26 08:00 UTC: 03:00 in New York.
        profile["registeredAt"]!.GetValue<string>().ShouldBe("2026-11-26T03:00:00-05:00");
        profile["updatedAt"]!.GetValue<string>().ShouldBe("2026-11-26T03:00:00-05:00");
        var expiresAt = DateTimeOffset.Parse(link["expiresAt"]!.GetValue<string>());
        expiresAt.Offset.ShouldBe(TimeZoneInfo.FindSystemTimeZoneById("America/New_York").GetUtcOffset(expiresAt));
    }
}
