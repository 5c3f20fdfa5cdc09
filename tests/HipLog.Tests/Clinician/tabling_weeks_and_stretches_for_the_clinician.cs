using HipLog.Domain.Clinician;
using HipLog.Domain.Pain;
using HipLog.Domain.Stretching;
using HipLog.Domain.Trends;
using static HipLog.Tests.Clinician.ClinicianSummaryInputs;

namespace HipLog.Tests.Clinician;

/// <summary>The summary's table of weeks, its table of stretches, and its period.</summary>
public sealed class tabling_weeks_and_stretches_for_the_clinician
{
    private static StretchSessionView Session(int? before, int? after, params string[] exercises) =>
        new(Guid.NewGuid(), "runner",
            new StretchSessionDetails(exercises.Select(e => new ExerciseDone(e, BodySide.Both, 8, null, 1, 1)).ToList(),
            before, after, null, null, new DateTimeOffset(2026, 11, 20, 18, 0, 0, TimeSpan.Zero)));

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
    public void the_period_is_as_many_iso_weeks_as_asked_up_to_today() =>
        ClinicianSummaries.Period(Today, 12).ShouldBe((new DateOnly(2026, 9, 7), Today));
}
