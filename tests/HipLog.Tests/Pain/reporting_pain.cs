using System.Net;
using HipLog.Domain.Pain;
using HipLog.Tests.Support;
using Marten;

namespace HipLog.Tests.Pain;

public sealed class reporting_pain(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task a_report_is_read_back_with_every_field_and_red_flags_default_to_no()
    {
        var client = api.ClientFor("runner-pain");
        var runId = await client.Create("/runners/runner-pain/runs", Scenarios.Run());

        var created = await client.PostJson("/runners/runner-pain/pain-reports", Scenarios.Pain().With("runId", runId)
            .With("character", "stiffness"));

        var body = await created.ShouldBeJson(HttpStatusCode.Created);
        created.Headers.Location!.ToString().ShouldBe($"/runners/runner-pain/pain-reports/{body["id"]}");
        var read = await (await client.GetAsync(created.Headers.Location)).ShouldBeJson(HttpStatusCode.OK);
        read.ToJsonString().ShouldBe(body.ToJsonString());
        read["score"]!.GetValue<int>().ShouldBe(4);
        read["location"]!.GetValue<string>().ShouldBe("front-hip");
        read["timing"]!.GetValue<string>().ShouldBe("after-run");
        read["character"]!.GetValue<string>().ShouldBe("stiffness");
        read["runId"]!.GetValue<Guid>().ShouldBe(runId);
        read["redFlags"]!.ToJsonString()
            .ShouldBe("""{"painAtRest":false,"painAtNight":false,"cannotBearWeight":false,"painWhenHopping":false}""");
    }

    [Fact]
    public async Task red_flag_answers_are_kept_and_a_partial_set_means_no_for_the_rest()
    {
        var client = api.ClientFor("runner-flags");

        var body = await (await client.PostJson("/runners/runner-flags/pain-reports", Scenarios.Pain()
            .With("redFlags", new { painAtNight = true })))
            .ShouldBeJson(HttpStatusCode.Created);

        body["redFlags"]!["painAtNight"]!.GetValue<bool>().ShouldBeTrue();
        body["redFlags"]!["painAtRest"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task every_invalid_field_is_named_in_one_answer()
    {
        var client = api.ClientFor("runner-pain-invalid");

        var problem = await (await client.PostJson("/runners/runner-pain-invalid/pain-reports", new Dictionary<string, object?>
        {
            ["reportedAt"] = "2026-11-25T09:00:00+01:00", ["score"] = 11, ["location"] = "front-hip", ["notes"] = new string('n', 2001),
        })).ShouldBeProblem(HttpStatusCode.BadRequest);

        problem.ErrorFields().ShouldBe(["character", "notes", "score", "side", "timing"]);
        (await client.List("/runners/runner-pain-invalid/pain-reports")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("score", -1)]
    [InlineData("score", 4.5)]
    [InlineData("location", "hip")]
    [InlineData("side", "middle")]
    [InlineData("timing", "after")]
    [InlineData("character", "throbbing")]
    [InlineData("redFlags", "yes")]
    [InlineData("reportedAt", "2026-11-25 09:00")]
    public async Task a_wrong_value_is_refused_and_the_field_named(string field, object value)
    {
        var client = api.ClientFor("runner-pain-values");

        var problem = await (await client.PostJson("/runners/runner-pain-values/pain-reports", Scenarios.Pain().With(field, value)))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        if (field != "reportedAt")
            problem.ErrorFields().ShouldBe([field]);
        else
            problem["detail"]!.GetValue<string>().ShouldContain("offset");
    }

    [Fact]
    public async Task a_link_to_a_run_that_is_not_this_runners_is_a_422()
    {
        var other = api.ClientFor("runner-pain-other");
        var othersRun = await other.Create("/runners/runner-pain-other/runs", Scenarios.Run());
        var client = api.ClientFor("runner-pain-link");
        var retracted = await client.Create("/runners/runner-pain-link/runs", Scenarios.Run());
        (await client.DeleteAsync($"/runners/runner-pain-link/runs/{retracted}")).EnsureSuccessStatusCode();

        foreach (var runId in new[] { othersRun, Guid.NewGuid(), retracted })
        {
            var problem = await (await client.PostJson("/runners/runner-pain-link/pain-reports", Scenarios.Pain().With("runId", runId)))
                .ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
            problem.ErrorFields().ShouldBe(["runId"]);
        }

        (await client.List("/runners/runner-pain-link/pain-reports")).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_correction_and_a_retraction_are_new_events_and_reads_follow_them()
    {
        var client = api.ClientFor("runner-pain-fix");
        var reportId = await client.Create("/runners/runner-pain-fix/pain-reports", Scenarios.Pain(score: 7));
        var other = await client.Create("/runners/runner-pain-fix/pain-reports", Scenarios.Pain("2026-11-26T07:00:00+01:00", score: 3));

        var corrected = await (await client.PutJson($"/runners/runner-pain-fix/pain-reports/{reportId}", Scenarios.Pain(score: 5)
            .With("side", "right")))
            .ShouldBeJson(HttpStatusCode.OK);
        (await client.DeleteAsync($"/runners/runner-pain-fix/pain-reports/{other}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        corrected["score"]!.GetValue<int>().ShouldBe(5);
        corrected["side"]!.GetValue<string>().ShouldBe("right");
        var list = await client.List("/runners/runner-pain-fix/pain-reports");
        list.Select(r => (r!["id"]!.GetValue<Guid>(), r["score"]!.GetValue<int>())).ShouldBe([(reportId, 5)]);
        await (await client.GetAsync($"/runners/runner-pain-fix/pain-reports/{other}")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await client.PutJson($"/runners/runner-pain-fix/pain-reports/{Guid.NewGuid()}", Scenarios.Pain()))
            .ShouldBeProblem(HttpStatusCode.NotFound);

        await using var session = api.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync("runner-pain-fix");
        events.Select(e => e.EventType)
            .ShouldBe([typeof(PainReported), typeof(PainReported), typeof(PainReportCorrected), typeof(PainReportRetracted)]);
        ((PainReported)events[0].Data).Report.Score.ShouldBe(7);
    }

    [Fact]
    public async Task reports_are_listed_by_local_date_range()
    {
        var client = api.ClientFor("runner-pain-range");
        await client.Create("/runners/runner-pain-range/pain-reports", Scenarios.Pain("2026-11-20T22:00:00+01:00"));
        await client.Create("/runners/runner-pain-range/pain-reports", Scenarios.Pain("2026-11-21T08:00:00+01:00"));
        await client.Create("/runners/runner-pain-range/pain-reports", Scenarios.Pain("2026-11-22T08:00:00+01:00"));

        var list = await client.List("/runners/runner-pain-range/pain-reports?from=2026-11-21&to=2026-11-21T23:59:00Z");

        list.Select(r => r!["reportedAt"]!.GetValue<string>()).ShouldBe(["2026-11-21T08:00:00+01:00"]);
    }
}
