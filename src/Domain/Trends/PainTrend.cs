using HipLog.Domain.Pain;
using HipLog.Domain.Time;

namespace HipLog.Domain.Trends;

/// <summary>A standing pain report as the trend counts it, with the local day it falls on in the runner's zone.</summary>
public sealed record PainEntry(Guid ReportId, DateTimeOffset ReportedAt, DateOnly Day, PainLocation Location, BodySide Side,
    PainTiming Timing, int Score)
{
    public static PainEntry From(PainReportView view, TimeZoneInfo zone) => From(view.Id, view.Report, zone);

    public static PainEntry From(Guid reportId, PainDetails report, TimeZoneInfo zone) =>
        new(reportId, report.ReportedAt, LocalCalendar.LocalDay(report.ReportedAt, zone), report.Location, report.Side, report.Timing,
            report.Score);
}

/// <summary>Reports of one location and side in one day or ISO week.</summary>
public sealed record PainBucket(string Period, DateOnly Start, PainLocation Location, BodySide Side, int Count, double Mean, int Max);

/// <summary>All reports of one day or week, with (for days) the 7-day mean and the mean of the 28 days before those 7.</summary>
/// <param name="Total">The sum of the scores, so rolling means can be taken from the periods alone.</param>
public sealed record PainPeriod(string Period, DateOnly Start, int Count, int Total, double Mean, int Max, double? Mean7,
    double? MeanPrev28);

public sealed record PainTrendFigures(
    IReadOnlyList<PainBucket> Days,
    IReadOnlyList<PainBucket> Weeks,
    IReadOnlyList<PainPeriod> DailyOverall,
    IReadOnlyList<PainPeriod> WeeklyOverall,
    PainEntry? Latest);
