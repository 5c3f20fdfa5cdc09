using HipLog.Domain.Runs;
using HipLog.Domain.Time;
using HipLog.Domain.Wire;

namespace HipLog.Domain.Imports;

/// <summary>
/// What the runner (or an archive's activities.csv) adds to a file: none of it is required. The route name, start and
/// moving time count only where the file has none of its own.
/// </summary>
public sealed record ImportChoices(
    int? PerceivedEffort = null, Surface? Surface = null, string? RouteName = null, DateTimeOffset? StartedAt = null,
        int? MovingSeconds = null);

/// <summary>The rules that turn a file into a run, shared by the single import and the archive job.</summary>
public static class ImportedRun
{
    /// <summary>The run a file's track makes; the file's surface counts where the runner gave none.</summary>
    /// <exception cref="ActivityFileException">The file has no times and nothing else says when the run was or how long.</exception>
    public static RunDetails From(FileTrack track, ImportChoices choices, TimeZoneInfo zone) =>
        From(track.Track, track.File, choices with { Surface = choices.Surface ?? track.Surface }, zone);

    /// <summary>The run a track makes, its start given the offset of the runner's zone at that moment.</summary>
    /// <exception cref="ActivityFileException">The file has no times and nothing else says when the run was or how long.</exception>
    public static RunDetails From(TrackSummary track, ActivityFile file, ImportChoices choices, TimeZoneInfo zone)
    {
        var start = track.StartedAt ?? choices.StartedAt
            ?? throw new ActivityFileException("The track points have no times: HipLog cannot tell when the run started.");
        var seconds = track.MovingSeconds ?? choices.MovingSeconds
            ?? throw new ActivityFileException("The track points have no times: HipLog cannot tell how long the run took.");
        return new RunDetails(track.DistanceKm, seconds, choices.PerceivedEffort, choices.Surface, file.Name ?? choices.RouteName,
            null, null, LocalCalendar.InZone(start, zone), track.ElevationGainM, track.AvgHeartRate, track.MaxHeartRate);
    }

    /// <summary>A surface by its wire name (trail, road...); numbers are not names.</summary>
    public static Surface? SurfaceNamed(string? name) =>
        Enum.GetValues<Surface>().Cast<Surface?>()
            .FirstOrDefault(s => string.Equals(Kebab.Of(s!.Value), name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Why a track cannot be a run (the bounds of every run, docs/api.md), or null when it can; the archive job records it per file.
    /// </summary>
    public static string? Refusal(RunDetails run, DateTimeOffset now) =>
        run.DistanceKm <= 0 ? "The track covers no distance."
        : run.DistanceKm > RunLimits.MaxDistanceKm ? $"The track is longer than {RunLimits.MaxDistanceKm} km."
        : run.DurationSeconds <= 0 ? "The track has no moving time."
        : run.DurationSeconds >= RunLimits.MaxDurationSeconds ? "The track's moving time is 48 hours or more."
        : !EntryLimits.InRange(run.StartedAt) ? "The track's start is not between the years 1900 and 2100."
        : run.StartedAt > now + EntryLimits.MaxAheadOfNow ? "The track starts more than 24 hours in the future."
        : null;
}
