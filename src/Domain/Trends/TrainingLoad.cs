using System.Text.Json.Serialization;
using HipLog.Domain.Runs;
using HipLog.Domain.Time;

namespace HipLog.Domain.Trends;

/// <summary>A standing run as the load counts it: its local day and its session-RPE load (effort × minutes).</summary>
public sealed record RunEntry(Guid RunId, DateTimeOffset StartedAt, DateOnly Day, double DistanceKm, int DurationSeconds, double Load)
    : ILocalDayEntry<RunEntry>
{
    [JsonIgnore]
    public Guid EntryId => RunId;

    [JsonIgnore]
    public DateTimeOffset At => StartedAt;

    public RunEntry OnDay(DateOnly day) => this with { Day = day };
}

/// <param name="Acute">7-day exponentially weighted average of the daily load.</param>
/// <param name="Chronic">28-day exponentially weighted average of the daily load.</param>
/// <param name="Ratio">Acute:chronic ratio; null until 28 days of history exist.</param>
public sealed record LoadDay(DateOnly Day, double DistanceKm, int MovingSeconds, double Load, double Acute, double Chronic, double? Ratio);

/// <param name="DistanceChangePercent">Change of distance against the week before; null when that week had none.</param>
public sealed record LoadWeek(string Week, DateOnly Start, double DistanceKm, int MovingSeconds, double Load, double? DistanceChangePercent);

public sealed record TrainingLoadFigures(IReadOnlyList<LoadDay> Days, IReadOnlyList<LoadWeek> Weeks);

/// <summary>A runner's training load: the standing runs are the state, the figures derive from them.</summary>
public sealed class TrainingLoad : LocalDayLog<RunEntry, TrainingLoadFigures>
{
    public List<RunEntry> Runs { get; set; } = [];

    protected override List<RunEntry> Entries { get => Runs; set => Runs = value; }

    protected override TrainingLoadFigures Compute() => TrainingLoadCalculator.Compute(Runs);
}

public sealed partial class TrainingLoadProjection : LocalDayLogProjection<TrainingLoad, RunEntry, TrainingLoadFigures>
{
    protected override EntryChange<RunEntry>? Change(object data, TimeZoneInfo zone) => data switch
    {
        RunLogged e => new EntryChange<RunEntry>.Added(Entry(e.RunId, e.Run, zone)),
        RunCorrected e => new EntryChange<RunEntry>.Corrected(Entry(e.RunId, e.Run, zone)),
        RunRetracted e => new EntryChange<RunEntry>.Retracted(e.RunId),
        _ => null,
    };

    private static RunEntry Entry(Guid id, RunDetails r, TimeZoneInfo zone) =>
        new(id, r.StartedAt, LocalCalendar.LocalDay(r.StartedAt, zone), r.DistanceKm, r.DurationSeconds, r.SessionLoad);
}
