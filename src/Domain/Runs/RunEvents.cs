using System.Text.Json.Serialization;
using HipLog.Domain.Storage;

namespace HipLog.Domain.Runs;

public enum Surface { Road, Trail, Track, Treadmill, Grass }

/// <summary>What a runner says about one run; a correction replaces the whole of it.</summary>
/// <param name="PerceivedEffort">Always given for a run logged by hand; a run imported from a file may have none.</param>
/// <param name="Surface">Always given for a run logged by hand; a run imported from a file may have none.</param>
/// <param name="ElevationGainM">Metres climbed, known for runs imported from a file with elevations.</param>
/// <param name="AvgHeartRate">Beats per minute over the run, from the runner or a file's heart-rate sensor.</param>
/// <param name="MaxHeartRate">The highest beats per minute of the run.</param>
public sealed record RunDetails(
    double DistanceKm,
    int DurationSeconds,
    int? PerceivedEffort,
    Surface? Surface,
    string? RouteName,
    string? Shoes,
    string? Notes,
    DateTimeOffset StartedAt,
    double? ElevationGainM = null,
    int? AvgHeartRate = null,
    int? MaxHeartRate = null)
{
    /// <summary>
    /// Session-RPE load (Foster): effort × minutes. A run without an effort counts none: its distance and time still
    /// count, but a load made up from a guessed effort would move the acute:chronic ratio the pain watch reads.
    /// </summary>
    [JsonIgnore]
    public double SessionLoad => PerceivedEffort is { } effort ? effort * DurationSeconds / 60.0 : 0;
}

public interface IRunEvent : ILogEntryEvent
{
    string ILogEntryEvent.EntryKind => "run";

    Guid RunId { get; }
}

public sealed record RunLogged(string RunnerId, Guid RunId, RunDetails Run) : IRunEvent;

public sealed record RunCorrected(string RunnerId, Guid RunId, RunDetails Run, DateTimeOffset CorrectedAt) : IRunEvent;

public sealed record RunRetracted(string RunnerId, Guid RunId, DateTimeOffset RetractedAt) : IRunEvent;

/// <summary>The bounds a run must respect (docs/api.md, "Fields").</summary>
public static class RunLimits
{
    public const double MaxDistanceKm = 300;
    public const int MaxDurationSeconds = 48 * 3600;
    public const int MinEffort = 1;
    public const int MaxEffort = 10;
    public const int MaxNameLength = 200;

    /// <summary>Heart rates a body can have while running; outside them is a typing or sensor error.</summary>
    public const int MinHeartRate = 25;
    public const int MaxHeartRate = 250;
}

/// <summary>Bounds shared by every kind of log entry.</summary>
public static class EntryLimits
{
    public const int MaxNotesLength = 2000;
    public static readonly TimeSpan MaxAheadOfNow = TimeSpan.FromHours(24);

    /// <summary>The dates HipLog accepts anywhere, in an entry or a range: outside them is a typing error, not a run.</summary>
    public static readonly DateOnly Earliest = new(1900, 1, 1);
    public static readonly DateOnly Latest = new(2100, 12, 31);

    public static bool InRange(DateOnly day) => day >= Earliest && day <= Latest;

    public static bool InRange(DateTimeOffset instant) => instant.UtcDateTime.Year is >= 1900 and <= 2100;
}
