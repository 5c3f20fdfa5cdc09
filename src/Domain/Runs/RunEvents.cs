namespace HipLog.Domain.Runs;

public enum Surface { Road, Trail, Track, Treadmill, Grass }

public sealed record RunLogged(
    string RunnerId,
    Guid RunId,
    double DistanceKm,
    int DurationSeconds,
    int PerceivedEffort,
    Surface Surface,
    string? RouteName,
    string? Shoes,
    string? Notes,
    DateTimeOffset StartedAt);

/// <summary>The bounds a run must respect (DESIGN §2); shared by validation and the API description.</summary>
public static class RunLimits
{
    public const double MaxDistanceKm = 300;
    public const int MaxDurationSeconds = 48 * 3600;
    public const int MinEffort = 1;
    public const int MaxEffort = 10;
    public const int MaxNotesLength = 2000;
    public const int MaxNameLength = 200;
    public static readonly TimeSpan MaxAheadOfNow = TimeSpan.FromHours(24);
}
