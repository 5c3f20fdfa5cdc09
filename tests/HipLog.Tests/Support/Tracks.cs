using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace HipLog.Tests.Support;

/// <summary>A point a test places on the map: seconds after the start, where, and how high.</summary>
public sealed record Fix(double Seconds, double Lat, double Lon, double? Ele = null);

/// <summary>GPX 1.1 and TCX files written by hand, so a test knows exactly what is in them.</summary>
public static class Tracks
{
    /// <summary>The opening of a GPX 1.1 file, for tests that write the rest by hand.</summary>
    public const string GpxHead = """<?xml version="1.0"?><gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1">""";

    /// <summary>The opening of a TCX file, for tests that write the rest by hand.</summary>
    public const string TcxHead =
        """<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">""";

    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    /// <summary>1° of latitude along a meridian on a sphere of radius 6,371 km: 6371 × π / 180.</summary>
    public const double KmPerDegree = 111.19492664455873;

    /// <summary>North along the Greenwich meridian from 51°N, one point every <paramref name="every"/> seconds.</summary>
    public static List<Fix> Meridian(int points, double degreesPerPoint, double every = 1, double? ele = null) =>
        Enumerable.Range(0, points).Select(i => new Fix(i * every, 51 + i * degreesPerPoint, 0, ele)).ToList();

    public static string Gpx(DateTimeOffset start, IEnumerable<Fix> fixes, string? name = "Riverside loop")
    {
        var text = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?>""").Append('\n')
            .Append("""<gpx version="1.1" creator="HipLog tests" xmlns="http://www.topografix.com/GPX/1/1">""");
        if (name is not null)
            text.Append("<metadata><name>").Append(System.Security.SecurityElement.Escape(name)).Append("</name></metadata>");
        text.Append("<trk><trkseg>");
        foreach (var f in fixes)
        {
            text.Append(En, $"""<trkpt lat="{f.Lat:0.0000000}" lon="{f.Lon:0.0000000}">""");
            if (f.Ele is { } ele)
                text.Append(En, $"<ele>{ele:0.0}</ele>");
            text.Append(En, $"<time>{start.AddSeconds(f.Seconds).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}</time></trkpt>");
        }

        return text.Append("</trkseg></trk></gpx>").ToString();
    }

    /// <param name="lapMetres">The laps' own DistanceMeters; null leaves them out.</param>
    /// <param name="withPositions">False for a treadmill: points carry the running distance only.</param>
    public static string Tcx(DateTimeOffset start, IReadOnlyList<Fix> fixes, double? lapMetres, bool withPositions = true,
        double[]? pointMetres = null)
    {
        var text = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?>""").Append('\n')
            .Append("""<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" """)
            .Append("""xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">""")
            .Append("""<Activities><Activity Sport="Running">""")
            .Append(En, $"<Id>{start.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}</Id>")
            .Append(En, $"""<Lap StartTime="{start.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}">""")
            .Append(En, $"""<TotalTimeSeconds>{fixes[^1].Seconds}</TotalTimeSeconds>""");
        if (lapMetres is { } lap)
            text.Append(En, $"<DistanceMeters>{lap:0.0}</DistanceMeters>");
        text.Append("<Track>");
        for (var i = 0; i < fixes.Count; i++)
        {
            var f = fixes[i];
            text.Append(En, $"<Trackpoint><Time>{start.AddSeconds(f.Seconds).UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}</Time>");
            if (withPositions)
                text.Append(En, $"<Position><LatitudeDegrees>{f.Lat:0.0000000}</LatitudeDegrees>")
                    .Append(En, $"<LongitudeDegrees>{f.Lon:0.0000000}</LongitudeDegrees></Position>");
            if (f.Ele is { } ele)
                text.Append(En, $"<AltitudeMeters>{ele:0.0}</AltitudeMeters>");
            if (pointMetres is not null)
                text.Append(En, $"<DistanceMeters>{pointMetres[i]:0.0}</DistanceMeters>");
            text.Append("<Extensions><ns3:TPX><ns3:Speed>3.1</ns3:Speed></ns3:TPX></Extensions></Trackpoint>");
        }

        return text.Append("</Track></Lap>")
            .Append("<Creator><Name>Forerunner 245</Name></Creator></Activity></Activities></TrainingCenterDatabase>").ToString();
    }

    /// <summary>A ZIP of the given entries (name → content), deflated as watch platforms do.</summary>
    public static byte[] Zip(IEnumerable<(string Name, byte[] Content)> entries)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                stream.Write(content);
            }

        return output.ToArray();
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Gzip(string text) => Gzip(Encoding.UTF8.GetBytes(text));

    public static byte[] Gzip(byte[] bytes)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(bytes);
        return output.ToArray();
    }
}
