using System.Text.Json.Serialization;
using HipLog.Domain.Pain;
using HipLog.Domain.Time;

namespace HipLog.Domain.Trends;

/// <summary>A standing pain report as the trend counts it, with the local day it falls on in the runner's zone.</summary>
public sealed record PainEntry(Guid ReportId, DateTimeOffset ReportedAt, DateOnly Day, PainLocation Location, BodySide Side, PainTiming Timing, int Score)
    : ILocalDayEntry<PainEntry>
{
    [JsonIgnore]
    public Guid EntryId => ReportId;

    [JsonIgnore]
    public DateTimeOffset At => ReportedAt;

    public PainEntry OnDay(DateOnly day) => this with { Day = day };
}

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

/// <summary>A runner's pain trend: the standing reports are the state, the figures derive from them.</summary>
public sealed class PainTrend : LocalDayLog<PainEntry, PainTrendFigures>
{
    public List<PainEntry> Reports { get; set; } = [];

    protected override List<PainEntry> Entries { get => Reports; set => Reports = value; }

    protected override PainTrendFigures Compute() => PainTrendCalculator.Compute(Reports);
}

public sealed partial class PainTrendProjection : LocalDayLogProjection<PainTrend, PainEntry, PainTrendFigures>
{
    protected override EntryChange<PainEntry>? Change(object data, TimeZoneInfo zone) => data switch
    {
        PainReported e => new EntryChange<PainEntry>.Added(Entry(e.ReportId, e.Report, zone)),
        PainReportCorrected e => new EntryChange<PainEntry>.Corrected(Entry(e.ReportId, e.Report, zone)),
        PainReportRetracted e => new EntryChange<PainEntry>.Retracted(e.ReportId),
        _ => null,
    };

    private static PainEntry Entry(Guid id, PainDetails r, TimeZoneInfo zone) =>
        new(id, r.ReportedAt, LocalCalendar.LocalDay(r.ReportedAt, zone), r.Location, r.Side, r.Timing, r.Score);
}
