using System.Net;
using HipLog.Api.Trends;
using HipLog.Domain.Stretching;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Stretching;

/// <summary>A retracted stretch session leaves the reads and the figures, shows in the timeline, and cannot be changed again.</summary>
public sealed class retracting_stretch_sessions(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task a_retracted_session_leaves_the_reads()
    {
        var runner = api.Runner("runner-stretch-retract");
        var kept = await runner.Stretching.CreateAsync(Sample.Session("2026-11-24T19:00:00+01:00") with { PainAfter = 3 });
        var retracted = await runner.Stretching.CreateAsync(Sample.Session(exerciseIds: ["lizard-lower-lunge", "garland-pose"]));

        (await runner.Stretching.RetractAsync(retracted.Id)).IsEmpty(HttpStatusCode.NoContent);

        (await runner.Stretching.GetAsync(retracted.Id)).IsProblem(HttpStatusCode.NotFound);
        (await runner.Stretching.ListAsync()).Select(s => s.Id).ShouldBe([kept.Id]);
    }

    [Fact]
    public async Task a_retracted_session_leaves_the_figures()
    {
        var runner = api.Runner("runner-stretch-retract-figures");
        await runner.Stretching.CreateAsync(Sample.Session("2026-11-24T19:00:00+01:00") with { PainAfter = 3 });
        var retracted = await runner.Stretching.CreateAsync(Sample.Session(exerciseIds: ["lizard-lower-lunge", "garland-pose"]));

        await runner.Stretching.RetractAsync(retracted.Id);

        (await runner.Trends.StretchEffectivenessAsync())
            .Exercises.ShouldBe([new ExerciseEffectResponse("lizard-lower-lunge", 1, 1, -1, 0)]);
    }

    [Fact]
    public async Task a_retraction_shows_first_in_the_timeline()
    {
        var runner = api.Runner("runner-stretch-retract-timeline");
        var session = await runner.Stretching.CreateAsync();

        await runner.Stretching.RetractAsync(session.Id);

        (await runner.Timeline.ReadAsync()).Items.Select(i => i.Type).ShouldBe(["stretch-session-retracted", "stretch-session-completed"]);
    }

    [Fact]
    public async Task a_retracted_session_cannot_be_corrected_patched_or_retracted_again()
    {
        var runner = api.Runner("runner-stretch-retract-twice");
        var session = await runner.Stretching.CreateAsync();
        await runner.Stretching.RetractAsync(session.Id);

        (await runner.Stretching.RetractAsync(session.Id)).IsProblem(HttpStatusCode.NotFound);
        (await runner.Stretching.PutAsync(session.Id, Sample.Session())).IsProblem(HttpStatusCode.NotFound);
        (await runner.Stretching.PatchAsync(session.Id, """{ "notes": "x" }""")).IsProblem(HttpStatusCode.NotFound);

        (await runner.StoredEventTypesAsync()).ShouldBe([typeof(StretchSessionCompleted), typeof(StretchSessionRetracted)]);
    }
}
