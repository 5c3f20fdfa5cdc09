using System.Net;
using HipLog.Tests.Support;

namespace HipLog.Tests.Stretching;

public sealed class recording_stretch_sessions(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task a_session_is_read_back_with_defaults_for_sets_and_reps()
    {
        var client = api.ClientFor("runner-stretch");
        var body = Scenarios.Session().With("exercises", new object[]
        {
            new { exerciseId = "lizard-lower-lunge", side = "left", holdBreaths = 10 },
            new { exerciseId = "single-leg-knee-lift", side = "right", holdSeconds = 10, sets = 3, reps = 10 },
        });

        var created = await client.PostJson("/runners/runner-stretch/stretch-sessions", body);

        var session = await created.ShouldBeJson(HttpStatusCode.Created);
        var read = await (await client.GetAsync(created.Headers.Location)).ShouldBeJson(HttpStatusCode.OK);
        read.ToJsonString().ShouldBe(session.ToJsonString());
        read["exercises"]![0]!.ToJsonString()
            .ShouldBe("""{"exerciseId":"lizard-lower-lunge","side":"left","holdBreaths":10,"holdSeconds":null,"sets":1,"reps":1}""");
        read["exercises"]![1]!["sets"]!.GetValue<int>().ShouldBe(3);
        read["painBefore"]!.GetValue<int>().ShouldBe(4);
        read["recommendationId"].ShouldBeNull();
        (await client.List("/runners/runner-stretch/stretch-sessions?from=2026-11-25&to=2026-11-25")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_recommendation_that_is_not_this_runners_is_a_422()
    {
        var client = api.ClientFor("runner-stretch-rec");

        var problem = await (await client.PostJson("/runners/runner-stretch-rec/stretch-sessions", Scenarios.Session()
            .With("recommendationId", "rec-123")))
            .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        problem.ErrorFields().ShouldBe(["recommendationId"]);
        (await client.List("/runners/runner-stretch-rec/stretch-sessions")).ShouldBeEmpty();
    }

    [Fact]
    public async Task an_unknown_exercise_is_a_422_that_names_it()
    {
        var client = api.ClientFor("runner-stretch-unknown");

        var problem = await (await client.PostJson("/runners/runner-stretch-unknown/stretch-sessions",
            Scenarios.Session(exerciseIds: ["garland-pose", "pigeon-pose"]))).ShouldBeProblem(HttpStatusCode.UnprocessableEntity);

        problem.ErrorFields().ShouldBe(["exercises[1].exerciseId"]);
        problem["errors"]!["exercises[1].exerciseId"]![0]!.GetValue<string>().ShouldContain("pigeon-pose");
        (await client.List("/runners/runner-stretch-unknown/stretch-sessions")).ShouldBeEmpty();
    }

    [Fact]
    public async Task malformed_sessions_name_every_field()
    {
        var client = api.ClientFor("runner-stretch-bad");

        var problem = await (await client.PostJson("/runners/runner-stretch-bad/stretch-sessions", new Dictionary<string, object?>
        {
            ["completedAt"] = "2026-11-25T19:00:00+01:00",
            ["exercises"] = new object?[] { new { exerciseId = "garland-pose", side = "both", holdBreaths = 8, holdSeconds = 30 },
                new { side = "left", sets = 0 }, null },
            ["painBefore"] = 11,
        })).ShouldBeProblem(HttpStatusCode.BadRequest);

        problem.ErrorFields().ShouldBe(["exercises[0].holdSeconds", "exercises[1].exerciseId", "exercises[1].sets", "exercises[2]",
            "painBefore"]);

        var empty = await (await client.PostJson("/runners/runner-stretch-bad/stretch-sessions", Scenarios.Session()
            .With("exercises", Array.Empty<object>())))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        empty.ErrorFields().ShouldBe(["exercises"]);
    }
}
