using System.Net;
using HipLog.Api.Pain;
using HipLog.Domain.Pain;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Pain;

public sealed class reporting_pain(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task a_report_is_answered_with_every_field_it_was_sent()
    {
        var runner = api.Runner("runner-pain");
        var run = await runner.Runs.CreateAsync();

        var report = await runner.Pain.CreateAsync(Sample.Pain() with { RunId = run.Id, Character = PainCharacter.Stiffness });

        report.ShouldBe(new PainReportResponse(report.Id, DateTimeOffset.Parse("2026-11-25T09:00:00+01:00"), 4, PainLocation.FrontHip,
            BodySide.Left, PainTiming.AfterRun, PainCharacter.Stiffness, run.Id, RedFlags.None, "tight after hills", 0));
    }

    [Fact]
    public async Task a_report_is_found_at_its_location_as_it_was_answered()
    {
        var runner = api.Runner("runner-pain-read");

        var created = await runner.Pain.PostAsync();

        var report = created.Is<PainReportResponse>(HttpStatusCode.Created);
        created.Location.ShouldBe($"/runners/runner-pain-read/pain-reports/{report.Id}");
        (await runner.Pain.ReadAsync(report.Id)).ShouldBe(report);
    }

    [Fact]
    public async Task red_flags_left_out_are_all_no()
    {
        var runner = api.Runner("runner-no-flags");

        var created = await runner.Pain.PostAsync();

        created.Body.ShouldContain("""
            "redFlags":{"painAtRest":false,"painAtNight":false,"cannotBearWeight":false,"painWhenHopping":false}
            """);
    }

    [Fact]
    public async Task a_partial_set_of_red_flags_means_no_for_the_rest()
    {
        var runner = api.Runner("runner-flags");

        var report = await runner.Pain.CreateAsync(Sample.Pain() with { RedFlags = new RedFlagsRequest(PainAtNight: true) });

        report.RedFlags.ShouldBe(RedFlags.None with { PainAtNight = true });
    }

    [Fact]
    public async Task every_invalid_field_is_named_in_one_answer()
    {
        var runner = api.Runner("runner-pain-invalid");

        var answer = await runner.Pain.PostAsync(new PainReportRequest(DateTimeOffset.Parse("2026-11-25T09:00:00+01:00"), 11,
            PainLocation.FrontHip, null, null, null, Notes: new string('n', 2001)));

        answer.IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe(["character", "notes", "score", "side", "timing"]);
        (await runner.Pain.ListAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("score", -1)]
    [InlineData("score", 4.5)]
    [InlineData("location", "hip")]
    [InlineData("side", "middle")]
    [InlineData("timing", "after")]
    [InlineData("character", "throbbing")]
    [InlineData("redFlags", "yes")]
    public async Task a_wrong_value_is_a_400_naming_its_field(string field, object value)
    {
        var runner = api.Runner("runner-pain-values");

        var answer = await runner.Pain.PostAsync(Sample.Json(Sample.Pain(), field, value));

        answer.IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe([field]);
    }

    [Fact]
    public async Task a_time_without_an_offset_is_refused_saying_so()
    {
        var runner = api.Runner("runner-pain-offset");

        var answer = await runner.Pain.PostAsync(Sample.Json(Sample.Pain(), "reportedAt", "2026-11-25 09:00"));

        answer.IsProblem(HttpStatusCode.BadRequest).Detail!.ShouldContain("offset");
    }

    [Fact]
    public async Task a_link_to_a_run_that_is_not_this_runners_is_a_422()
    {
        var othersRun = await api.Runner("runner-pain-other").Runs.CreateAsync();
        var runner = api.Runner("runner-pain-link");
        var retracted = await runner.Runs.CreateAsync();
        await runner.Runs.RetractAsync(retracted.Id);

        foreach (var runId in new[] { othersRun.Id, Guid.NewGuid(), retracted.Id })
            (await runner.Pain.PostAsync(Sample.Pain() with { RunId = runId }))
                .IsProblem(HttpStatusCode.UnprocessableEntity).Fields.ShouldBe(["runId"]);

        (await runner.Pain.ListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_correction_replaces_the_report_in_every_read()
    {
        var runner = api.Runner("runner-pain-fix");
        var report = await runner.Pain.CreateAsync(Sample.Pain(score: 7));

        var corrected = await runner.Pain.CorrectAsync(report.Id, Sample.Pain(score: 5) with { Side = BodySide.Right });

        corrected.ShouldBe(report with { Score = 5, Side = BodySide.Right, Corrections = 1 });
        (await runner.Pain.ListAsync()).ShouldBe([corrected]);
    }

    [Fact]
    public async Task a_correction_is_a_new_event_beside_the_original()
    {
        var runner = api.Runner("runner-pain-fix-events");
        var report = await runner.Pain.CreateAsync(Sample.Pain(score: 7));

        await runner.Pain.CorrectAsync(report.Id, Sample.Pain(score: 5));

        var events = await runner.StoredEventsAsync();
        events.Select(e => e.EventType).ShouldBe([typeof(PainReported), typeof(PainReportCorrected)]);
        ((PainReported)events[0].Data).Report.Score.ShouldBe(7);
    }

    [Fact]
    public async Task a_retracted_report_leaves_every_read()
    {
        var runner = api.Runner("runner-pain-retract");
        var kept = await runner.Pain.CreateAsync(Sample.Pain(score: 7));
        var retracted = await runner.Pain.CreateAsync(Sample.Pain("2026-11-26T07:00:00+01:00", score: 3));

        (await runner.Pain.RetractAsync(retracted.Id)).IsEmpty(HttpStatusCode.NoContent);

        (await runner.Pain.ListAsync()).ShouldBe([kept]);
        (await runner.Pain.GetAsync(retracted.Id)).IsProblem(HttpStatusCode.NotFound);
        (await runner.StoredEventTypesAsync()).ShouldBe([typeof(PainReported), typeof(PainReported), typeof(PainReportRetracted)]);
    }

    [Fact]
    public async Task a_correction_of_a_report_never_made_is_not_found()
    {
        var runner = api.Runner("runner-pain-unknown");

        (await runner.Pain.PutAsync(Guid.NewGuid(), Sample.Pain())).IsProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task reports_are_listed_by_local_date_range()
    {
        var runner = api.Runner("runner-pain-range");
        foreach (var at in new[] { "2026-11-20T22:00:00+01:00", "2026-11-21T08:00:00+01:00", "2026-11-22T08:00:00+01:00" })
            await runner.Pain.CreateAsync(Sample.Pain(at));

        var reports = await runner.Pain.ListAsync("?from=2026-11-21&to=2026-11-21T23:59:00Z");

        reports.Select(r => r.ReportedAt).ShouldBe([DateTimeOffset.Parse("2026-11-21T08:00:00+01:00")]);
    }
}
