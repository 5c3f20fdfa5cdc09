using System.Text.Json.Serialization;
using HipLog.Domain.Pain;
using HipLog.Domain.Runners;
using HipLog.Domain.Time;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace HipLog.Domain.Trends;

/// <summary>A standing pain report as the trend counts it, with the local day it falls on in the runner's zone.</summary>
public sealed record PainEntry(Guid ReportId, DateTimeOffset ReportedAt, DateOnly Day, PainLocation Location, BodySide Side, PainTiming Timing, int Score);

/// <summary>Reports of one location and side in one day or ISO week.</summary>
public sealed record PainBucket(string Period, DateOnly Start, PainLocation Location, BodySide Side, int Count, double Mean, int Max);

/// <summary>All reports of one day or week, with (for days) the 7-day mean and the mean of the 28 days before those 7.</summary>
/// <param name="Total">The sum of the scores, so rolling means can be taken from the periods alone.</param>
public sealed record PainPeriod(string Period, DateOnly Start, int Count, int Total, double Mean, int Max, double? Mean7, double? MeanPrev28);

public sealed record PainTrendFigures(
    IReadOnlyList<PainBucket> Days,
    IReadOnlyList<PainBucket> Weeks,
    IReadOnlyList<PainPeriod> DailyOverall,
    IReadOnlyList<PainPeriod> WeeklyOverall,
    PainEntry? Latest);

/// <summary>
/// A runner's pain trend. The standing reports are the state; the figures are derived from them once,
/// when the document is stored, so a burst of events (an import, a rebuild) does not recompute them per event.
/// </summary>
public sealed class PainTrend
{
    private PainTrendFigures? figures;

    public string Id { get; set; } = "";

    public string TimeZone { get; set; } = RunnerProfile.DefaultTimeZone;

    public List<PainEntry> Reports { get; set; } = [];

    public PainTrendFigures Figures
    {
        get => figures ??= PainTrendCalculator.Compute(Reports);
        init => figures = value;
    }

    internal void Changed() => figures = null;
}

public sealed partial class PainTrendProjection : SingleStreamProjection<PainTrend, string>
{
    public override PainTrend? Evolve(PainTrend? snapshot, string id, IEvent e)
    {
        switch (e.Data)
        {
            case RunnerRegistered registered:
                return Rezone(snapshot ?? new PainTrend { Id = id }, registered.TimeZone);
            case RunnerProfileUpdated updated:
                return Rezone(snapshot ?? new PainTrend { Id = id }, updated.TimeZone);
            case PainReported reported:
                var trend = snapshot ?? new PainTrend { Id = id };
                trend.Reports.Add(Entry(reported.ReportId, reported.Report, trend.TimeZone));
                trend.Changed();
                return trend;
            case PainReportCorrected corrected when snapshot is not null:
                var index = snapshot.Reports.FindIndex(r => r.ReportId == corrected.ReportId);
                if (index >= 0)
                    snapshot.Reports[index] = Entry(corrected.ReportId, corrected.Report, snapshot.TimeZone);
                snapshot.Changed();
                return snapshot;
            case PainReportRetracted retracted when snapshot is not null:
                snapshot.Reports.RemoveAll(r => r.ReportId == retracted.ReportId);
                snapshot.Changed();
                return snapshot;
            default:
                return snapshot;
        }
    }

    private static PainEntry Entry(Guid id, PainDetails r, string timeZone) =>
        new(id, r.ReportedAt, LocalCalendar.LocalDay(r.ReportedAt, LocalCalendar.FindZone(timeZone) ?? TimeZoneInfo.Utc), r.Location, r.Side, r.Timing, r.Score);

    /// <summary>A new time zone moves reports to the local days they fall on there.</summary>
    private static PainTrend Rezone(PainTrend trend, string timeZone)
    {
        if (trend.TimeZone == timeZone)
            return trend;
        var zone = LocalCalendar.FindZone(timeZone) ?? TimeZoneInfo.Utc;
        trend.TimeZone = timeZone;
        trend.Reports = trend.Reports.Select(r => r with { Day = LocalCalendar.LocalDay(r.ReportedAt, zone) }).ToList();
        trend.Changed();
        return trend;
    }
}
