namespace HipLog.Domain.Imports.Fit;

/// <summary>A session of a FIT activity: one sport done without a break (a triathlon has five, with transitions).</summary>
/// <param name="TimerSeconds">The time the watch was running, pauses left out (total_timer_time).</param>
public sealed record FitSession(
    int? Sport, int? SubSport, DateTimeOffset? StartTime, double? ElapsedSeconds, double? TimerSeconds, double? DistanceM,
    double? AscentM, int? AvgHeartRate, int? MaxHeartRate);

/// <summary>A lap's start and totals; a session without totals of its own is summed from its laps.</summary>
public sealed record FitLap(DateTimeOffset? StartTime, double? TimerSeconds, double? DistanceM);

/// <summary>One record message: a point of the track, a second or so apart.</summary>
public sealed record FitRecord(
    DateTimeOffset Time, double? Latitude, double? Longitude, double? AltitudeM, double? DistanceM, int? HeartRate);

/// <summary>What HipLog reads of a FIT activity file (every file of a chain together).</summary>
/// <param name="DeviceOffset">The offset from UTC the device kept its local time at (activity.local_timestamp), when it said.</param>
public sealed record FitActivity(
    IReadOnlyList<FitSession> Sessions, IReadOnlyList<FitLap> Laps, IReadOnlyList<FitRecord> Records, TimeSpan? DeviceOffset);

/// <summary>Names of the FIT profile's sports, for a runner who sent a file of another sport.</summary>
public static class FitSports
{
    public const int Running = 1;

    private static readonly string[] Names =
    [
        "generic", "running", "cycling", "transition", "fitness equipment", "swimming", "basketball", "soccer", "tennis",
        "american football", "training", "walking", "cross-country skiing", "alpine skiing", "snowboarding", "rowing",
        "mountaineering", "hiking", "multisport", "paddling",
    ];

    public static string Name(int? sport) =>
        sport is { } s && s >= 0 && s < Names.Length ? Names[s] : sport is null ? "unnamed" : $"number {sport}";
}
