using System.Text.Json.Serialization;
using HipLog.Domain.Profiles;
using HipLog.Domain.Runs;
using HipLog.Domain.Time;

namespace HipLog.Domain.Trends;

/// <summary>A standing run as the load counts it: its local day and its session-RPE load (effort × minutes).</summary>
public sealed record RunEntry(Guid RunId, DateTimeOffset StartedAt, DateOnly Day, double DistanceKm, int DurationSeconds, double Load)
{
    public static RunEntry From(Guid runId, RunDetails run, TimeZoneInfo zone) =>
        new(runId, run.StartedAt, LocalCalendar.LocalDay(run.StartedAt, zone), run.DistanceKm, run.DurationSeconds, run.SessionLoad);
}

/// <param name="Acute">7-day exponentially weighted average of the daily load.</param>
/// <param name="Chronic">28-day exponentially weighted average of the daily load.</param>
/// <param name="Ratio">Acute:chronic ratio; null until 28 days of history exist.</param>
public sealed record LoadDay(DateOnly Day, double DistanceKm, int MovingSeconds, double Load, double Acute, double Chronic, double? Ratio);

/// <param name="DistanceChangePercent">Change of distance against the week before; null when that week had none.</param>
public sealed record LoadWeek(string Week, DateOnly Start, double DistanceKm, int MovingSeconds, double Load,
    double? DistanceChangePercent);

public sealed record TrainingLoadFigures(IReadOnlyList<LoadDay> Days, IReadOnlyList<LoadWeek> Weeks);

/// <summary>
/// A runner's training calendar as a whole: the zone its days are counted in and the first and last day with a run.
/// The runs themselves live in <see cref="TrainingWeek"/> units.
/// </summary>
public sealed record TrainingLoad(string Id, string TimeZone, DateOnly? FirstDay, DateOnly? LastDay)
{
    public static TrainingLoad Empty(string runnerId) => new(runnerId, RunnerProfile.DefaultTimeZone, null, null);

    [JsonIgnore]
    public TimeZoneInfo Zone => LocalCalendar.FindZone(TimeZone) ?? TimeZoneInfo.Utc;
}

/// <summary>
/// One ISO week of a runner's runs, with the two load averages as they stand at the end of its Sunday (unrounded, so a
/// later week continues from them exactly). Weeks without runs have no unit: the averages just decay across them.
/// </summary>
public sealed record TrainingWeek(string Id, string RunnerId, DateOnly Monday, IReadOnlyList<RunEntry> Runs, double Acute, double Chronic)
{
    public static string IdFor(string runnerId, DateOnly monday) => $"{runnerId}/{monday:yyyy-MM-dd}";

    [JsonIgnore]
    public DateOnly Sunday => Monday.AddDays(6);

    [JsonIgnore]
    public LoadState End => new(Acute, Chronic);
}
