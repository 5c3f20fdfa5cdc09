namespace HipLog.Domain.Imports;

/// <param name="StartedAt">The first point's time, in UTC (the caller gives it the runner's offset); null when no point has one.</param>
/// <param name="MovingSeconds">Time between the first and last point, pauses left out; null when fewer than two points have a time.</param>
/// <param name="ElevationGainM">The sum of every climb between consecutive points; null when the file has no elevations.</param>
/// <param name="AvgHeartRate">The mean of the points' heart rates; null when no point has one.</param>
public sealed record TrackSummary(
    DateTimeOffset? StartedAt, double DistanceKm, int? MovingSeconds, double? ElevationGainM, int? AvgHeartRate = null,
    int? MaxHeartRate = null)
{
    public const double EarthRadiusM = 6_371_000;

    /// <summary>A gap longer than this between two points...</summary>
    public static readonly TimeSpan PauseGap = TimeSpan.FromSeconds(10);

    /// <summary>...covered slower than this is a pause (a stop at a crossing, a watch on auto-pause), not moving time.</summary>
    public const double PauseSpeedMps = 0.5;

    public static TrackSummary Of(ActivityFile file)
    {
        var points = file.Points;
        if (points.Count == 0)
            throw new ActivityFileException("The file has no track points: there is no run in it.");

        double trackM = 0, moving = 0, gain = 0;
        var hasElevation = false;
        var timedPairs = 0;
        for (var i = 1; i < points.Count; i++)
        {
            var (a, b) = (points[i - 1], points[i]);
            var metres = Between(a, b);
            trackM += metres;
            if (a.Time is { } from && b.Time is { } to)
            {
                timedPairs++;
                var seconds = (to - from).TotalSeconds;
                if (seconds > 0 && !(seconds > PauseGap.TotalSeconds && metres / seconds < PauseSpeedMps))
                    moving += seconds;
            }

            if (a.ElevationM is { } low && b.ElevationM is { } high)
            {
                hasElevation = true;
                gain += Math.Max(0, high - low);
            }
        }

        var distanceM = file.DistanceM ?? DeviceDistance(points) ?? trackM;
        var beats = points.Where(p => p.HeartRate is not null).Select(p => p.HeartRate!.Value).ToList();
        return new TrackSummary(points.FirstOrDefault(p => p.Time is not null)?.Time?.ToUniversalTime(), Math.Round(distanceM / 1000, 3),
            timedPairs > 0 ? (int)Math.Round(moving) : null, hasElevation ? Math.Round(gain, 1) : null,
            beats.Count > 0 ? (int)Math.Round(beats.Average()) : null, beats.Count > 0 ? beats.Max() : null);
    }

    /// <summary>Great-circle distance on a sphere of the Earth's mean radius.</summary>
    public static double HaversineM(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
            + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusM * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    /// <summary>The device's own running distance where both points carry one (a treadmill has no positions), else the arc.</summary>
    private static double Between(TrackPoint a, TrackPoint b) =>
        a.DistanceM is { } da && b.DistanceM is { } db ? Math.Max(0, db - da)
        : a.HasPosition && b.HasPosition ? HaversineM(a.Latitude!.Value, a.Longitude!.Value, b.Latitude!.Value, b.Longitude!.Value)
        : 0;

    private static double? DeviceDistance(IReadOnlyList<TrackPoint> points)
    {
        var first = points.FirstOrDefault(p => p.DistanceM is not null)?.DistanceM;
        var last = points.LastOrDefault(p => p.DistanceM is not null)?.DistanceM;
        return first is not null && last > first ? last - first : null;
    }
}
