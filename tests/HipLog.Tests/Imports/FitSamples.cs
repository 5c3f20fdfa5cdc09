using HipLog.Tests.Support;

namespace HipLog.Tests.Imports;

/// <summary>FIT activities for the tests, built with <see cref="FitEncoder"/>: a record a second north along the meridian.</summary>
public static class FitSamples
{
    public const int Running = 1, Cycling = 2, Street = 2, Trail = 3;
    public const int MetresPerSecond = 3;

    /// <summary>One session of <paramref name="seconds"/> seconds: 3 m/s north from 51°N, climbing a metre every 10 s, heart rate
    /// 140 to 159; the session says 90 % of the time was moving and 1 % more distance than the records.</summary>
    public static byte[] Run(DateTimeOffset start, int seconds = 1200, int sport = Running, int subSport = Trail, bool bigEndian = false,
        int headerSize = 14) =>
        Activity(bigEndian).Records(start, seconds, bigEndian).Session(start, seconds, sport, subSport, bigEndian)
            .End(start.AddSeconds(seconds), 1, bigEndian).Build(headerSize);

    /// <summary>The file_id of an activity (type 4), from a Garmin device (manufacturer 1).</summary>
    public static FitEncoder Activity(bool bigEndian = false, int type = 4) =>
        new FitEncoder().Define(0, 0, FitEncoder.FileIdFields, bigEndian).Data(0, type, 1, 0x3FFFFFFF);

    public static FitEncoder Records(this FitEncoder fit, DateTimeOffset start, int seconds, bool bigEndian = false,
        double fromLatitude = 51)
    {
        fit.Define(1, 20, FitEncoder.RecordFields, bigEndian);
        for (var i = 0; i <= seconds; i++)
            fit.Data(1, FitEncoder.Seconds(start.AddSeconds(i)), FitEncoder.Semicircles(fromLatitude + Degrees(i)), 0,
                i * MetresPerSecond * 100L, (long)((100 + i / 10 + 500) * 5), 140 + i % 20);
        return fit;
    }

    public static FitEncoder Session(this FitEncoder fit, DateTimeOffset start, int seconds, int sport, int subSport,
        bool bigEndian = false) =>
        fit.Define(2, 18, FitEncoder.SessionFields, bigEndian)
            .Data(2, FitEncoder.Seconds(start.AddSeconds(seconds)), FitEncoder.Seconds(start), sport, subSport, seconds * 1000L,
                seconds * 900L, (long)(seconds * MetresPerSecond * 101L), seconds / 10, 150, 159);

    public static FitEncoder End(this FitEncoder fit, DateTimeOffset at, int sessions, bool bigEndian = false) =>
        fit.Define(3, 34, FitEncoder.ActivityFields, bigEndian)
            .Data(3, FitEncoder.Seconds(at), FitEncoder.Seconds(at) + 3600, sessions);

    /// <summary>Degrees of latitude covered in <paramref name="seconds"/> at 3 m/s.</summary>
    public static double Degrees(int seconds) => seconds * MetresPerSecond / (Tracks.KmPerDegree * 1000);
}
