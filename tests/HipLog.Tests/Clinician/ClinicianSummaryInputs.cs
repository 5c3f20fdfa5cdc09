using HipLog.Domain.Pain;

namespace HipLog.Tests.Clinician;

/// <summary>The runner's zone and day, and a pain report, for the clinician summary's tests without a host.</summary>
internal static class ClinicianSummaryInputs
{
    public static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static readonly DateOnly Today = new(2026, 11, 26);

    public static PainReportView Report(string at, int score, RedFlags? flags = null, string? notes = null) =>
        new(Guid.NewGuid(), "runner",
            new PainDetails(score, PainLocation.Groin, BodySide.Right, PainTiming.DuringRun, PainCharacter.Ache, null,
            flags ?? RedFlags.None, notes, DateTimeOffset.Parse(at)), 0);
}
