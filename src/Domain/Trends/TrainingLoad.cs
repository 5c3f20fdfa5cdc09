using HipLog.Domain.Runners;
using HipLog.Domain.Runs;
using HipLog.Domain.Time;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace HipLog.Domain.Trends;

/// <summary>A standing run as the load counts it: its local day and its session-RPE load (effort × minutes).</summary>
public sealed record RunEntry(Guid RunId, DateTimeOffset StartedAt, DateOnly Day, double DistanceKm, int DurationSeconds, double Load);

/// <param name="Acute">7-day exponentially weighted average of the daily load.</param>
/// <param name="Chronic">28-day exponentially weighted average of the daily load.</param>
/// <param name="Ratio">Acute:chronic ratio; null until 28 days of history exist.</param>
public sealed record LoadDay(DateOnly Day, double DistanceKm, int MovingSeconds, double Load, double Acute, double Chronic, double? Ratio);

/// <param name="DistanceChangePercent">Change of distance against the week before; null when that week had none.</param>
public sealed record LoadWeek(string Week, DateOnly Start, double DistanceKm, int MovingSeconds, double Load, double? DistanceChangePercent);

public sealed record TrainingLoadFigures(IReadOnlyList<LoadDay> Days, IReadOnlyList<LoadWeek> Weeks);

/// <summary>A runner's training load; like <see cref="PainTrend"/>, the runs are the state and the figures are derived once per store.</summary>
public sealed class TrainingLoad
{
    private TrainingLoadFigures? figures;

    public string Id { get; set; } = "";

    public string TimeZone { get; set; } = RunnerProfile.DefaultTimeZone;

    public List<RunEntry> Runs { get; set; } = [];

    public TrainingLoadFigures Figures
    {
        get => figures ??= TrainingLoadCalculator.Compute(Runs);
        init => figures = value;
    }

    internal void Changed() => figures = null;
}

public sealed partial class TrainingLoadProjection : SingleStreamProjection<TrainingLoad, string>
{
    public override TrainingLoad? Evolve(TrainingLoad? snapshot, string id, IEvent e)
    {
        switch (e.Data)
        {
            case RunnerRegistered registered:
                return Rezone(snapshot ?? new TrainingLoad { Id = id }, registered.TimeZone);
            case RunnerProfileUpdated updated:
                return Rezone(snapshot ?? new TrainingLoad { Id = id }, updated.TimeZone);
            case RunLogged logged:
                var load = snapshot ?? new TrainingLoad { Id = id };
                load.Runs.Add(Entry(logged.RunId, logged.Run, load.TimeZone));
                load.Changed();
                return load;
            case RunCorrected corrected when snapshot is not null:
                var index = snapshot.Runs.FindIndex(r => r.RunId == corrected.RunId);
                if (index >= 0)
                    snapshot.Runs[index] = Entry(corrected.RunId, corrected.Run, snapshot.TimeZone);
                snapshot.Changed();
                return snapshot;
            case RunRetracted retracted when snapshot is not null:
                snapshot.Runs.RemoveAll(r => r.RunId == retracted.RunId);
                snapshot.Changed();
                return snapshot;
            default:
                return snapshot;
        }
    }

    private static RunEntry Entry(Guid id, RunDetails r, string timeZone) =>
        new(id, r.StartedAt, LocalCalendar.LocalDay(r.StartedAt, LocalCalendar.FindZone(timeZone) ?? TimeZoneInfo.Utc), r.DistanceKm, r.DurationSeconds, r.SessionLoad);

    private static TrainingLoad Rezone(TrainingLoad load, string timeZone)
    {
        if (load.TimeZone == timeZone)
            return load;
        var zone = LocalCalendar.FindZone(timeZone) ?? TimeZoneInfo.Utc;
        load.TimeZone = timeZone;
        load.Runs = load.Runs.Select(r => r with { Day = LocalCalendar.LocalDay(r.StartedAt, zone) }).ToList();
        load.Changed();
        return load;
    }
}
