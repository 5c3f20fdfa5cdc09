using HipLog.Tests.Support;
using HipLog.Domain.DataRights;
using HipLog.Domain.Pain;
using HipLog.Domain.Watch;

namespace HipLog.Tests.Watch;

/// <summary>The watch's judgement of a page of the log, without I/O.</summary>
public sealed class judging_a_page : PageOfTheLog
{
    [Fact]
    public void a_flare_is_a_routine_at_the_runners_next_reminder_time()
    {
        var report = Report("alice", Flare);

        var decision = Judge().Decisions.ShouldHaveSingleItem();

        (decision.Kind, decision.RecommendationId).ShouldBe((RecommendationKind.Routine, RecommendationIds.For(report.Id)));
        decision.Reasons.ShouldBe([PainRules.Flare]);
        decision.DueAt.ShouldBe(new DateTimeOffset(2026, 11, 27, 7, 30, 0, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void a_red_flag_is_clinician_advice_at_once()
    {
        Report("alice", Flare with { Score = 3, RedFlags = new RedFlags(false, true, false, false) });

        var decision = Judge().Decisions.ShouldHaveSingleItem();

        (decision.Kind, decision.DueAt).ShouldBe((RecommendationKind.ClinicianReferral, Now));
    }

    [Fact]
    public void a_page_judged_before_decides_nothing_twice()
    {
        var report = Report("alice", Flare);

        Judge(decided: RecommendationIds.For(report.Id)).Decisions.ShouldBeEmpty();
    }

    [Fact]
    public void a_report_that_no_longer_stands_is_not_judged()
    {
        Report("alice", Flare, stands: false);

        Judge().Outcomes.ShouldBeEmpty();
    }

    [Fact]
    public void a_second_flare_in_the_page_replaces_the_first()
    {
        var first = Report("alice", Flare);
        Report("alice", Flare with { ReportedAt = Now.AddMinutes(-30), Score = 7 });

        Judge().Decisions.Select(d => d.Supersedes).ShouldBe([[], [RecommendationIds.For(first.Id)]]);
    }

    [Fact]
    public void a_report_of_months_ago_is_history_not_news()
    {
        Report("alice", Flare with { ReportedAt = Now.AddDays(-90) });

        Judge().Outcomes.ShouldBeEmpty();
    }

    [Fact]
    public void a_retraction_is_a_change_to_look_at_again()
    {
        var reportId = Guid.NewGuid();
        Add(new PainReportRetracted("alice", reportId, Now));

        Judge().Changes.ShouldBe([ReportChange.Retraction(reportId)]);
    }

    [Fact]
    public void a_correction_that_fires_no_rule_any_more_is_a_change_without_an_assessment()
    {
        var reportId = Guid.NewGuid();
        var corrected = new PainReportCorrected("alice", reportId, Flare with { Score = 2 }, Now);
        standing[reportId] = new PainReportView(reportId, "alice", corrected.Report, 1);
        Add(corrected);

        Judge().Changes.ShouldBe([ReportChange.Correction(reportId, null)]);
    }

    [Fact]
    public void a_runner_whose_erasure_was_asked_for_earlier_in_the_page_is_judged_afresh_with_their_corrections_and_retractions()
    {
        var key = new ErasureKeys(TestHosts.ErasureSecret).For("erin");
        Report("erin", Flare with { ReportedAt = Now.AddDays(-2) });
        Add(new RunnerErasureRequested(key, Now));
        var later = Report("erin", Flare);
        var corrected = new PainReportCorrected("erin", Guid.NewGuid(), Flare with { Score = 8 }, Now);
        standing[corrected.ReportId] = new PainReportView(corrected.ReportId, "erin", corrected.Report, 1);
        Add(corrected);
        Add(new PainReportRetracted("erin", Guid.NewGuid(), Now));
        Add(new PainReportCorrected("erin", Guid.NewGuid(), Flare, Now));
        Report("bob", Flare);

        var verdict = Judge();

        verdict.Outcomes.Count.ShouldBe(4, "two of erin's reports before and after, the correction, and bob's");
        verdict.Decisions.ShouldContain(d => d.RecommendationId == RecommendationIds.For(later.Id));
        verdict.Decisions.ShouldContain(d => d.RunnerId == "bob");
        history.Knows("erin").ShouldBeTrue();
    }
}
