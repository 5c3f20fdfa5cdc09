using HipLog.Domain.Runs;

namespace HipLog.Domain.Imports.Fit;

/// <summary>
/// Turns the running sessions of a FIT activity into runs. The session's own totals are what the watch showed the runner
/// (start_time, total_timer_time with pauses left out, total_distance, total_ascent, heart rates); what a session lacks
/// comes from its laps, then from its records, measured as a GPX track is.
/// </summary>
public static class FitRuns
{
    /// <exception cref="ActivityFileException">The activity has no running session; the message names the sports it has.</exception>
    public static IReadOnlyList<FileTrack> Of(FitActivity activity)
    {
        var sessions = activity.Sessions;
        if (sessions.Count == 0)
            throw new ActivityFileException("The FIT activity has no session message: it does not say which sport it was, nor its totals.");
        var runs = new List<FileTrack>();
        for (var i = 0; i < sessions.Count; i++)
        {
            if (sessions[i].Sport != FitSports.Running)
                continue;
            var next = sessions.Skip(i + 1).Select(s => s.StartTime).FirstOrDefault(t => t is not null);
            runs.Add(RunOf(sessions[i], next, activity));
        }

        if (runs.Count > 0)
            return runs;
        var sports = string.Join(", ", sessions.Select(s => FitSports.Name(s.Sport)).Distinct());
        throw new ActivityFileException($"The FIT activity is not a run: its sport is {sports}. HipLog logs running only.");
    }

    private static FileTrack RunOf(FitSession session, DateTimeOffset? nextStart, FitActivity activity)
    {
        var start = session.StartTime ?? activity.Records.FirstOrDefault()?.Time;
        var end = session.ElapsedSeconds is { } elapsed && start is { } from ? from.AddSeconds(elapsed) : nextStart;
        var points = activity.Records
            .Where(r => (start is null || r.Time >= start) && (end is null || r.Time <= end) && (nextStart is null || r.Time < nextStart))
            .Select(r => new TrackPoint(r.Time, r.Latitude, r.Longitude, r.AltitudeM, r.DistanceM, r.HeartRate))
            .ToList();
        var laps = activity.Laps.Where(l => l.StartTime is { } t && (start is null || t >= start) && (end is null || t < end)).ToList();
        var distance = session.DistanceM ?? Sum(laps.Select(l => l.DistanceM));
        var file = new ActivityFile(null, points, distance is > 0 ? distance : null);
        var measured = points.Count > 0 ? TrackSummary.Of(file) : new TrackSummary(null, Math.Round((distance ?? 0) / 1000, 3), null, null);
        var timer = session.TimerSeconds ?? Sum(laps.Select(l => l.TimerSeconds));
        var (avg, max) = (session.AvgHeartRate ?? measured.AvgHeartRate, session.MaxHeartRate ?? measured.MaxHeartRate);
        var track = measured with
        {
            StartedAt = start ?? measured.StartedAt,
            MovingSeconds = timer is { } t ? (int)Math.Round(t) : measured.MovingSeconds,
            ElevationGainM = session.AscentM ?? measured.ElevationGainM,
            AvgHeartRate = avg,
            // A session whose average is above its maximum contradicts itself; its maximum is not kept.
            MaxHeartRate = avg > max ? null : max,
        };
        return new FileTrack(file, track, SurfaceOf(session.SubSport));
    }

    private static double? Sum(IEnumerable<double?> values) =>
        values.Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(double.NaN).Sum() is var s && double.IsFinite(s) ? s : null;

    /// <summary>FIT sub-sports of running (street 2, trail 3, track 4, treadmill 1, indoor running 45) as HipLog's surfaces.</summary>
    public static Surface? SurfaceOf(int? subSport) => subSport switch
    {
        1 or 45 => Surface.Treadmill,
        2 => Surface.Road,
        3 => Surface.Trail,
        4 => Surface.Track,
        _ => null,
    };
}
