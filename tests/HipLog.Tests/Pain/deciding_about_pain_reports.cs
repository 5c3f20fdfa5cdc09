using System.Text.Json.Nodes;
using HipLog.Api.Http.Writes;
using HipLog.Api.Pain;
using HipLog.Domain.Pain;
using HipLog.Tests.Support;
using Wolverine.Marten;

namespace HipLog.Tests.Pain;

/// <summary>The pain-report endpoints and their decisions, called directly: no host, no database.</summary>
public sealed class deciding_about_pain_reports
{
    private static readonly PainReportRequest Request = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(1)), 4,
        PainLocation.FrontHip, BodySide.Left, PainTiming.AfterRun, PainCharacter.Ache, Notes: "tight after hills");

    private static PainReportView Reported(PainDetails? report = null)
        => new(Guid.CreateVersion7(), "alice", report ?? Request.ToDetails(), 0);

    [Fact]
    public void a_report_is_answered_201_at_its_own_location()
    {
        var (written, op) = ReportPainEndpoint.Post("alice", Request);

        var reported = op.AppendsOne<PainReported>("alice");
        written.ShouldAnswer(201, PainReportResponse.From(new PainReportView(reported.ReportId, "alice", Request.ToDetails(), 0)),
            $"/runners/alice/pain-reports/{reported.ReportId}");
    }

    [Fact]
    public void red_flags_left_out_count_as_no()
    {
        var (_, op) = ReportPainEndpoint.Post("alice", Request with { RedFlags = new RedFlagsRequest(PainAtNight: true) });

        op.AppendsOne<PainReported>("alice").Report.RedFlags.ShouldBe(new RedFlags(false, true, false, false));
    }

    [Fact]
    public void a_correction_appends_what_changed()
    {
        var current = Reported();
        var corrected = Request with { Score = 7 };

        var (_, op) = CorrectPainReportEndpoint.Put("alice", corrected, current, Decisions.Clock());

        op.AppendsOne<PainReportCorrected>("alice")
            .ShouldBe(new PainReportCorrected("alice", current.Id, corrected.ToDetails(), Decisions.Now));
    }

    [Fact]
    public void a_correction_is_answered_with_the_report_as_corrected()
    {
        var current = Reported();
        var corrected = Request with { Score = 7 };

        var (written, _) = CorrectPainReportEndpoint.Put("alice", corrected, current, Decisions.Clock());

        written.ShouldAnswer(200, PainReportResponse.From(current with { Report = corrected.ToDetails(), Corrections = 1 }));
    }

    [Fact]
    public void a_correction_that_changes_nothing_appends_nothing()
    {
        var (_, op) = CorrectPainReportEndpoint.Put("alice", Request, Reported(), Decisions.Clock());

        op.ShouldBeOfType<NoOp>();
    }

    [Fact]
    public void a_patch_of_one_red_flag_keeps_the_others()
    {
        var current = Reported(Request.ToDetails() with { RedFlags = new RedFlags(true, false, false, false) });
        var patch = new MergePatch(JsonNode.Parse("""{ "redFlags": { "painAtNight": true } }""")!.AsObject());

        var merged = patch.Into(PainReportRequest.From(current.Report)).Merged!;

        merged.ToDetails().RedFlags.ShouldBe(new RedFlags(true, true, false, false));
    }

    [Fact]
    public void a_patch_names_every_field_of_the_wrong_type_or_option()
    {
        var patch = new MergePatch(JsonNode.Parse("""{ "score": "high", "location": "elbow", "notes": "ok" }""")!.AsObject());

        var (_, problem) = patch.Into(PainReportRequest.From(Reported().Report));

        problem.Extensions["errors"].ShouldBeOfType<Dictionary<string, string[]>>().Keys.Order().ShouldBe(["location", "score"]);
    }

    [Fact]
    public void a_patch_with_an_unknown_field_is_refused_before_its_values_are_read()
    {
        var patch = new MergePatch(JsonNode.Parse("""{ "score": "high", "mood": "ok" }""")!.AsObject());

        var (_, problem) = patch.Into(PainReportRequest.From(Reported().Report));

        problem.Extensions["errors"].ShouldBeOfType<Dictionary<string, string[]>>().Keys.ShouldBe(["mood"]);
    }

    [Fact]
    public void a_retraction_is_answered_204()
    {
        var (written, _) = RetractPainReportEndpoint.Delete("alice", Reported(), Decisions.Clock());

        written.Status.ShouldBe(204);
    }

    [Fact]
    public void a_retraction_appends_PainReportRetracted()
    {
        var current = Reported();

        var (_, op) = RetractPainReportEndpoint.Delete("alice", current, Decisions.Clock());

        op.AppendsOne<PainReportRetracted>("alice").ShouldBe(new PainReportRetracted("alice", current.Id, Decisions.Now));
    }
}
