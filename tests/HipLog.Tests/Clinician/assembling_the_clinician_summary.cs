using HipLog.Domain.Clinician;
using HipLog.Domain.Pain;
using static HipLog.Tests.Clinician.ClinicianSummaryInputs;

namespace HipLog.Tests.Clinician;

/// <summary>The summary assembled from a period's reports: its name, its count, its red flags and its notes.</summary>
public sealed class assembling_the_clinician_summary
{
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
}
