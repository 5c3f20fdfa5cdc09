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

    [Fact]
    public void a_row_per_place_side_and_timing_gives_first_worst_and_latest_with_their_days()
    {
        var rows = ClinicianSummaries.PainRows([Entry(2, 2), Entry(5, 7), Entry(9, 4), Entry(3, 3, side: BodySide.Right),
            Entry(4, 5, timing: PainTiming.NextMorning)]);

        rows.More.ShouldBe(0);
        rows.Shown.Select(r => (r.Side, r.Timing))
            .ShouldBe([(BodySide.Left, PainTiming.AfterRun), (BodySide.Left, PainTiming.NextMorning),
            (BodySide.Right, PainTiming.AfterRun)]);
        var main = rows.Shown[0];
        main.Reports.ShouldBe(3);
        main.First.ShouldBe(new ScoreOn(2, new DateOnly(2026, 11, 2)));
        main.Worst.ShouldBe(new ScoreOn(7, new DateOnly(2026, 11, 5)));
        main.Latest.ShouldBe(new ScoreOn(4, new DateOnly(2026, 11, 9)));
        main.Trend.ShouldBe(PainDirection.Rising);
        rows.Shown[1].Trend.ShouldBe(PainDirection.OneReport);
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
    public void stretches_count_sessions_and_how_the_rated_pain_moved()
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
    public void a_recommendation_says_why_in_plain_words_and_what_the_runner_did_with_it()
    {
        var completed = ClinicianWords.Recommendation(Recommendation(RecommendationStatus.Completed, advisories: [PainRules.EaseMileage]),
            Berlin);
        completed.Day.ShouldBe(new DateOnly(2026, 11, 20));
        completed.Why.ShouldBe(["flare", "rising week", "high training load (1.62)"]);
        completed.Outcome.ShouldBe("delivered 21 Nov; completed with a stretch session 22 Nov");

        ClinicianWords.Recommendation(Recommendation(RecommendationStatus.Dismissed), Berlin)
            .Outcome.ShouldBe("delivered 21 Nov; dismissed by the runner 22 Nov");
        ClinicianWords.Recommendation(Recommendation(RecommendationStatus.Acknowledged), Berlin)
            .Outcome.ShouldBe("delivered 21 Nov; acknowledged by the runner");
        ClinicianWords.Recommendation(Recommendation(RecommendationStatus.Withdrawn,
            followUp: new FollowUp(FollowUpReasons.ReportRetracted, "", DateTimeOffset.UnixEpoch)), Berlin)
            .Outcome.ShouldBe("withdrawn 22 Nov before delivery: the runner retracted the pain report behind it");
        var referral = ClinicianWords.Recommendation(
            Recommendation(RecommendationStatus.Delivered, RecommendationKind.ClinicianReferral,
                ["red-flag:pain-at-night", "red-flag:groin-pain-with-running"]), Berlin);
        referral.Why.ShouldBe(["red flag: pain at night", "red flag: groin pain with running"]);
        referral.Outcome.ShouldBe("shown at once; no answer from the runner");
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

    [Fact]
    public void red_flags_keep_the_latest_rows_and_still_date_the_earlier_ones_and_notes_are_shortened()
    {
        var night = new RedFlags(false, true, false, false);
        var reports = Enumerable.Range(1, 15)
            .Select(d => Report($"2026-11-{d:00}T23:30:00+00:00", 5, d == 15 ? new RedFlags(true, false, true, false) : night,
            notes: d == 15 ? new string('x', 400) : null)).ToList();
        // Before the period (it starts on Monday 2 November in Berlin) and after today: not in the summary.
        reports.Add(Report("2026-10-31T23:30:00+00:00", 9, night));
        reports.Add(Report("2026-11-16T23:30:00+00:00", 9, night));

        var summary = ClinicianSummaries.Assemble("runner", null, Berlin, "Europe/Berlin", new DateOnly(2026, 11, 2),
            new DateOnly(2026, 11, 16), reports, [], 0, [], []);

        summary.DisplayName.ShouldBe("runner");
        summary.PainReports.ShouldBe(15);
        summary.RedFlags.Shown.Count.ShouldBe(ClinicianSummaries.MaxRedFlagRows);
        summary.RedFlags.More.ShouldBe(5);
        // 23:30 UTC is half past midnight of the next local day in Berlin.
        summary.EarlierRedFlagDays.ShouldBe(Enumerable.Range(2, 5).Select(d => new DateOnly(2026, 11, d)));
        summary.RedFlags.Shown[^1].Questions.ShouldBe(["Does it hurt when you are resting?",
            "Are you unable to put your full weight on the leg, or limping?"]);
        summary.Notes.Shown.Single().Text.Length.ShouldBe(ClinicianSummaries.MaxNoteLength);
        summary.Notes.Shown.Single().Text.ShouldEndWith("…");
    }

    [Fact]
    public async Task the_page_encodes_what_the_runner_typed_and_names_the_period()
    {
        var reports = new[] { Report("2026-11-20T09:00:00+00:00", 4, notes: "<script>alert(1)</script> & more") };
        var summary = ClinicianSummaries.Assemble("runner", "<b>Ana</b>", Berlin, "Europe/Berlin", new DateOnly(2026, 11, 16), Today,
            reports, [], 0, [], []);

        var html = await Pages.RenderAsync<ClinicianSummaryPage>(new Dictionary<string, object?> { ["S"] = summary, ["Today"] = Today });

        html.ShouldNotContain("<script>");
        html.ShouldNotContain("<b>Ana</b>");
        html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more");
        html.ShouldContain("&lt;b&gt;Ana&lt;/b&gt;");
        html.ShouldContain("16 Nov 2026 to 26 Nov 2026");
        html.ShouldContain("HipLog does not diagnose.");
    }

    [Fact]
    public async Task a_year_of_daily_red_flags_dates_the_latest_earlier_ones_and_spans_the_rest()
    {
        var reports = Enumerable.Range(0, 40)
            .Select(d => Report($"{new DateOnly(2026, 10, 1).AddDays(d):yyyy-MM-dd}T09:00:00+00:00", 7,
            new RedFlags(true, false, false, false))).ToList();
        var summary = ClinicianSummaries.Assemble("runner", "Ana", Berlin, "Europe/Berlin", new DateOnly(2026, 9, 28), Today, reports, [],
            0, [], []);

        var html = await Pages.RenderAsync<ClinicianSummaryPage>(new Dictionary<string, object?> { ["S"] = summary, ["Today"] = Today });

        // 40 reports: the 10 latest in rows, 16 earlier ones dated, the 14 before those as a span.
        html.ShouldContain("and 30 earlier reports with a red-flag answer, on 15 Oct 2026, 16 Oct 2026,");
        html.ShouldContain("30 Oct 2026, and on 14 days from 1 Oct 2026 to 14 Oct 2026.</p>");
    }

    [Fact]
    public void the_period_is_the_current_iso_week_and_the_weeks_before_it() =>
        ClinicianSummaries.Period(Today, 12).ShouldBe((new DateOnly(2026, 9, 7), Today));
}
