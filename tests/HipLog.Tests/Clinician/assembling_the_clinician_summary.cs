using HipLog.Api.Clinician;
using HipLog.Domain.Clinician;
using HipLog.Domain.Pain;
using HipLog.Domain.Stretching;
using HipLog.Domain.Trends;
using HipLog.Domain.Watch;
using HipLog.Tests.Support;

namespace HipLog.Tests.Clinician;

public sealed class assembling_the_clinician_summary
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly DateOnly Today = new(2026, 11, 26);

    private static PainEntry Entry(int day, int score, PainLocation location = PainLocation.FrontHip, BodySide side = BodySide.Left,
        PainTiming timing = PainTiming.AfterRun) =>
        new(Guid.NewGuid(), new DateTimeOffset(2026, 11, day, 9, 0, 0, TimeSpan.Zero), new DateOnly(2026, 11, day), location, side, timing,
            score);

    private static PainReportView Report(string at, int score, RedFlags? flags = null, string? notes = null) =>
        new(Guid.NewGuid(), "runner",
            new PainDetails(score, PainLocation.Groin, BodySide.Right, PainTiming.DuringRun, PainCharacter.Ache, null,
            flags ?? RedFlags.None, notes, DateTimeOffset.Parse(at)), 0);

    private static StretchSessionView Session(int? before, int? after, params string[] exercises) =>
        new(Guid.NewGuid(), "runner",
            new StretchSessionDetails(exercises.Select(e => new ExerciseDone(e, BodySide.Both, 8, null, 1, 1)).ToList(),
            before, after, null, null, new DateTimeOffset(2026, 11, 20, 18, 0, 0, TimeSpan.Zero)));

    private static RecommendationView Recommendation(RecommendationStatus status, RecommendationKind kind = RecommendationKind.Routine,
        string[]? reasons = null,
        string[]? advisories = null, FollowUp? followUp = null) =>
        new("rec~1", "runner", kind, status, PainLocation.FrontHip, BodySide.Left, new DateOnly(2026, 11, 20), reasons
            ?? [PainRules.Flare, PainRules.RisingWeek],
            advisories ?? [], null, 1.62, [], "msg", new DateOnly(2026, 11, 21), DateTimeOffset.Parse("2026-11-21T06:30:00Z"),
            status is RecommendationStatus.Scheduled ? null : DateTimeOffset.Parse("2026-11-21T06:30:00Z"),
                DateTimeOffset.Parse("2026-11-20T22:30:00Z"),
            DateTimeOffset.Parse("2026-11-22T18:00:00Z"), null, 3, FollowUp: followUp);

    [Theory]
    [InlineData(new[] { 2, 3, 4, 5, 6 }, PainDirection.Rising)]
    [InlineData(new[] { 6, 6, 5, 4 }, PainDirection.Easing)]
    [InlineData(new[] { 3, 4, 3, 4 }, PainDirection.Steady)]
    [InlineData(new[] { 2, 9, 3 }, PainDirection.Rising)]
    [InlineData(new[] { 5 }, PainDirection.OneReport)]
    public void the_trend_is_the_later_half_against_the_earlier_half_by_a_point(int[] scores, PainDirection expected) =>
        ClinicianSummaries.Direction(scores).ShouldBe(expected);

    /// <summary>Three front-hip reports on the left after running, one on the right, one the next morning.</summary>
    private static Capped<PainRow> FrontHipRows() => ClinicianSummaries.PainRows([Entry(2, 2), Entry(5, 7), Entry(9, 4),
        Entry(3, 3, side: BodySide.Right), Entry(4, 5, timing: PainTiming.NextMorning)]);

    [Fact]
    public void pain_is_tabled_a_row_per_place_side_then_timing()
    {
        var rows = FrontHipRows();

        rows.More.ShouldBe(0);
        rows.Shown.Select(r => (r.Side, r.Timing))
            .ShouldBe([(BodySide.Left, PainTiming.AfterRun), (BodySide.Left, PainTiming.NextMorning),
            (BodySide.Right, PainTiming.AfterRun)]);
    }

    [Fact]
    public void a_pain_row_gives_its_first_worst_latest_score_each_with_its_day()
    {
        var main = FrontHipRows().Shown[0];

        (main.Reports, main.First, main.Worst, main.Latest).ShouldBe((3, new ScoreOn(2, new DateOnly(2026, 11, 2)),
            new ScoreOn(7, new DateOnly(2026, 11, 5)), new ScoreOn(4, new DateOnly(2026, 11, 9))));
    }

    [Fact]
    public void a_pain_row_gives_its_trend()
    {
        FrontHipRows().Shown.Select(r => r.Trend).Take(2).ShouldBe([PainDirection.Rising, PainDirection.OneReport]);
    }

    [Fact]
    public void a_busy_runners_rarest_rows_are_counted_not_shown()
    {
        var entries = Enum.GetValues<PainLocation>().SelectMany(l => Enum.GetValues<PainTiming>().Select(t => (l, t)))
            .SelectMany((x, i) => Enumerable.Range(1, i % 5 + 1).Select(d => Entry(d, 3, x.l, timing: x.t))).ToList();

        var rows = ClinicianSummaries.PainRows(entries);

        rows.Shown.Count.ShouldBe(ClinicianSummaries.MaxPainRows);
        rows.More.ShouldBe(8 * 6 - ClinicianSummaries.MaxPainRows);
        // Nine combinations have five reports, the rest at most four: all nine are kept, and one of the fours.
        rows.Shown.Count(r => r.Reports == 5).ShouldBe(9);
        rows.Shown.Count(r => r.Reports == 4).ShouldBe(1);
        rows.Shown.ShouldBe(rows.Shown.OrderBy(r => r.Location).ThenBy(r => r.Side).ThenBy(r => r.Timing));
    }

    [Fact]
    public void every_week_of_the_period_is_listed_with_its_distance_change_and_end_of_week_ratio()
    {
        // Tuesday 10 to Thursday 26 November: the first week has no runs, the last is under way.
        LoadDay Day(int d, double km, double? ratio) => new(new DateOnly(2026, 11, d), km, 0, 0, 0, 0, ratio);
        var weeks = ClinicianSummaries.Weeks(new DateOnly(2026, 11, 9), Today,
            [Day(16, 10, null), Day(22, 5, 1.1), Day(23, 20, 1.7), Day(26, 0, 1.6)]);

        weeks.ShouldBe(
        [
            new WeekRow("2026-W46", new DateOnly(2026, 11, 9), 0, null, null, false),
            new WeekRow("2026-W47", new DateOnly(2026, 11, 16), 15, null, 1.1, false),
            new WeekRow("2026-W48", new DateOnly(2026, 11, 23), 20, 33.33, 1.6, true),
        ]);
    }

    [Fact]
    public void a_stretch_row_counts_its_sessions_with_how_the_rated_pain_moved()
    {
        var rows = ClinicianSummaries.StretchRows(
        [
            Session(4, 2, StretchCatalogue.LizardLowerLunge, StretchCatalogue.GarlandPose),
            Session(5, 5, StretchCatalogue.LizardLowerLunge),
            Session(3, 4, StretchCatalogue.LizardLowerLunge, StretchCatalogue.LizardLowerLunge),
            Session(null, null, StretchCatalogue.GarlandPose),
        ]);

        rows.Shown.ShouldBe(
        [
            new StretchRow(StretchCatalogue.LizardLowerLunge, StretchCatalogue.Find(StretchCatalogue.LizardLowerLunge)!.Name, 3, 3, 4.0,
                3.7, 1, 1, 1),
            new StretchRow(StretchCatalogue.GarlandPose, StretchCatalogue.Find(StretchCatalogue.GarlandPose)!.Name, 2, 1, 4.0, 2.0, 1,
                0, 0),
        ]);
    }

    [Fact]
    public void a_recommendation_is_listed_on_the_day_of_the_pain_behind_it()
    {
        ClinicianWords.Recommendation(Recommendation(RecommendationStatus.Completed), Berlin).Day.ShouldBe(new DateOnly(2026, 11, 20));
    }

    [Fact]
    public void a_routine_says_why_in_plain_words()
    {
        ClinicianWords.Recommendation(Recommendation(RecommendationStatus.Completed, advisories: [PainRules.EaseMileage]), Berlin)
            .Why.ShouldBe(["flare", "rising week", "high training load (1.62)"]);
    }

    [Fact]
    public void a_referral_says_which_red_flags_in_plain_words()
    {
        ClinicianWords.Recommendation(Recommendation(RecommendationStatus.Delivered, RecommendationKind.ClinicianReferral,
                ["red-flag:pain-at-night", "red-flag:groin-pain-with-running"]), Berlin)
            .Why.ShouldBe(["red flag: pain at night", "red flag: groin pain with running"]);
    }

    [Theory]
    [InlineData(RecommendationStatus.Completed, "delivered 21 Nov; completed with a stretch session 22 Nov")]
    [InlineData(RecommendationStatus.Dismissed, "delivered 21 Nov; dismissed by the runner 22 Nov")]
    [InlineData(RecommendationStatus.Acknowledged, "delivered 21 Nov; acknowledged by the runner")]
    public void a_routine_says_what_the_runner_did_with_it(RecommendationStatus status, string outcome)
    {
        ClinicianWords.Recommendation(Recommendation(status, advisories: [PainRules.EaseMileage]), Berlin).Outcome.ShouldBe(outcome);
    }

    [Fact]
    public void a_withdrawn_routine_says_why_it_never_reached_the_runner()
    {
        ClinicianWords.Recommendation(Recommendation(RecommendationStatus.Withdrawn,
            followUp: new FollowUp(FollowUpReasons.ReportRetracted, "", DateTimeOffset.UnixEpoch)), Berlin)
            .Outcome.ShouldBe("withdrawn 22 Nov before delivery: the runner retracted the pain report behind it");
    }

    [Fact]
    public void an_unanswered_referral_says_it_was_shown_at_once()
    {
        ClinicianWords.Recommendation(Recommendation(RecommendationStatus.Delivered, RecommendationKind.ClinicianReferral,
                ["red-flag:pain-at-night", "red-flag:groin-pain-with-running"]), Berlin)
            .Outcome.ShouldBe("shown at once; no answer from the runner");
    }

    [Fact]
    public void the_rules_named_are_defined_once_in_the_order_the_watch_checks_them() =>
        ClinicianWords.Rules([PainRules.Streak, "red-flag:pain-at-night", PainRules.Flare, PainRules.EaseMileage, PainRules.Flare,
            "red-flag:severe-pain"]).ShouldBe(
        [
            ("flare", "pain 6/10 or more, above the 5/10 acceptable while training"),
            ("streak", "3 reports for the place in a row, each higher"),
            ("high training load", "acute:chronic ratio 1.5 or more; HipLog advised easing the mileage"),
            ("red flag: severe pain", "a score of 8/10 or more"),
        ]);

    /// <summary>Fifteen nights of red flags in the first half of November, the last with a long note, and two outside the period.
    /// </summary>
    private static ClinicianSummary FifteenRedFlags()
    {
        var night = new RedFlags(false, true, false, false);
        var reports = Enumerable.Range(1, 15)
            .Select(d => Report($"2026-11-{d:00}T23:30:00+00:00", 5, d == 15 ? new RedFlags(true, false, true, false) : night,
            notes: d == 15 ? new string('x', 400) : null)).ToList();
        // Before the period (it starts on Monday 2 November in Berlin) and after today: not in the summary.
        reports.Add(Report("2026-10-31T23:30:00+00:00", 9, night));
        reports.Add(Report("2026-11-16T23:30:00+00:00", 9, night));

        return ClinicianSummaries.Assemble("runner", null, Berlin, "Europe/Berlin", new DateOnly(2026, 11, 2),
            new DateOnly(2026, 11, 16), reports, [], 0, [], []);
    }

    [Fact]
    public void a_runner_without_a_name_is_named_by_their_id()
    {
        FifteenRedFlags().DisplayName.ShouldBe("runner");
    }

    [Fact]
    public void only_the_reports_of_the_period_are_counted()
    {
        FifteenRedFlags().PainReports.ShouldBe(15);
    }

    [Fact]
    public void red_flags_keep_the_latest_rows()
    {
        var summary = FifteenRedFlags();

        (summary.RedFlags.Shown.Count, summary.RedFlags.More).ShouldBe((ClinicianSummaries.MaxRedFlagRows, 5));
    }

    [Fact]
    public void red_flags_before_the_rows_are_still_dated_on_the_runners_calendar()
    {
        // 23:30 UTC is half past midnight of the next local day in Berlin.
        FifteenRedFlags().EarlierRedFlagDays.ShouldBe(Enumerable.Range(2, 5).Select(d => new DateOnly(2026, 11, d)));
    }

    [Fact]
    public void a_red_flag_row_asks_the_questions_answered_yes()
    {
        FifteenRedFlags().RedFlags.Shown[^1].Questions.ShouldBe(["Does it hurt when you are resting?",
            "Are you unable to put your full weight on the leg, or limping?"]);
    }

    [Fact]
    public void a_long_note_is_shortened_with_an_ellipsis()
    {
        var note = FifteenRedFlags().Notes.Shown.Single().Text;

        note.Length.ShouldBe(ClinicianSummaries.MaxNoteLength);
        note.ShouldEndWith("…");
    }

    /// <summary>The page of a runner whose name and note are markup.</summary>
    private static Task<string> TypedMarkup()
    {
        var reports = new[] { Report("2026-11-20T09:00:00+00:00", 4, notes: "<script>alert(1)</script> & more") };
        var summary = ClinicianSummaries.Assemble("runner", "<b>Ana</b>", Berlin, "Europe/Berlin", new DateOnly(2026, 11, 16), Today,
            reports, [], 0, [], []);
        return Pages.RenderAsync<ClinicianSummaryPage>(new Dictionary<string, object?> { ["S"] = summary, ["Today"] = Today });
    }

    [Fact]
    public async Task the_page_encodes_what_the_runner_typed()
    {
        var html = await TypedMarkup();

        html.ShouldNotContain("<script>");
        html.ShouldNotContain("<b>Ana</b>");
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more");
        html.ShouldContain("&lt;b&gt;Ana&lt;/b&gt;");
    }

    [Fact]
    public async Task the_page_names_the_period()
    {
        (await TypedMarkup()).ShouldContain("16 Nov 2026 to 26 Nov 2026");
    }

    [Fact]
    public async Task the_page_says_hiplog_does_not_diagnose()
    {
        (await TypedMarkup()).ShouldContain("HipLog does not diagnose.");
    }

    /// <summary>40 daily reports with a red flag: the 10 latest in rows, 16 earlier ones dated, the 14 before those as a span.</summary>
    private static Task<string> FortyDaysOfRedFlags()
    {
        var reports = Enumerable.Range(0, 40)
            .Select(d => Report($"{new DateOnly(2026, 10, 1).AddDays(d):yyyy-MM-dd}T09:00:00+00:00", 7,
            new RedFlags(true, false, false, false))).ToList();
        var summary = ClinicianSummaries.Assemble("runner", "Ana", Berlin, "Europe/Berlin", new DateOnly(2026, 9, 28), Today, reports, [],
            0, [], []);
        return Pages.RenderAsync<ClinicianSummaryPage>(new Dictionary<string, object?> { ["S"] = summary, ["Today"] = Today });
    }

    [Fact]
    public async Task a_year_of_daily_red_flags_dates_the_latest_earlier_ones()
    {
        (await FortyDaysOfRedFlags()).ShouldContain("and 30 earlier reports with a red-flag answer, on 15 Oct 2026, 16 Oct 2026,");
    }

    [Fact]
    public async Task a_year_of_daily_red_flags_gives_the_rest_as_a_span()
    {
        (await FortyDaysOfRedFlags()).ShouldContain("30 Oct 2026, and on 14 days from 1 Oct 2026 to 14 Oct 2026.</p>");
    }

    [Fact]
    public void the_period_is_as_many_iso_weeks_as_asked_up_to_today() =>
        ClinicianSummaries.Period(Today, 12).ShouldBe((new DateOnly(2026, 9, 7), Today));
}
