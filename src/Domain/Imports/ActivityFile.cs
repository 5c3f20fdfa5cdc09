using System.Xml;
using HipLog.Domain.Imports.Fit;
using HipLog.Domain.Runs;

namespace HipLog.Domain.Imports;

public enum ActivityFormat { Gpx, Tcx, Fit }

/// <summary>
/// One recorded point; a TCX point may lack a position (a treadmill) and carry the device's own running distance, and
/// a point of a planned route has no time. HeartRate is a sensor's beats per minute, when the watch had one.
/// </summary>
public sealed record TrackPoint(
    DateTimeOffset? Time, double? Latitude, double? Longitude, double? ElevationM, double? DistanceM = null, int? HeartRate = null)
{
    public bool HasPosition => Latitude is not null && Longitude is not null;

    /// <summary>A sensor's reading if it is one a body can have while running, else none (a glitch, or no contact).</summary>
    public static int? PlausibleHeartRate(double? bpm) =>
        bpm is >= RunLimits.MinHeartRate and <= RunLimits.MaxHeartRate ? (int)Math.Round(bpm.Value) : null;
}

/// <param name="Name">The file's own name for the activity (GPX metadata or track name, TCX course or activity name).</param>
/// <param name="DistanceM">The distance the device measured itself (TCX laps), preferred to one computed from the points.</param>
public sealed record ActivityFile(string? Name, IReadOnlyList<TrackPoint> Points, double? DistanceM);

/// <summary>One run's worth of a file: its track, what it measured, and the surface the file says (FIT's sub-sport), if any.</summary>
public sealed record FileTrack(ActivityFile File, TrackSummary Track, Surface? Surface = null);

/// <summary>A file HipLog cannot read as a run; the message says why, for the runner.</summary>
public sealed class ActivityFileException(string message) : Exception(message);

/// <summary>
/// Reads GPX 1.1, TCX and FIT files into the same shape; the XML readers resolve nothing outside the file, and the FIT
/// decoder reads nothing beyond it.
/// </summary>
public static class ActivityFiles
{
    public const string GpxContentType = "application/gpx+xml";
    public const string TcxContentType = "application/vnd.garmin.tcx+xml";

    /// <summary>The largest file read, alone or inside an archive.</summary>
    public const long MaxFileBytes = 20L * 1024 * 1024;

    /// <summary>
    /// No DTD (so no entity expansion, the "billion laughs"), no external resolution of anything, and a cap on the
    /// characters read: a hostile file costs at most what its size allows.
    /// </summary>
    public static XmlReaderSettings SafeXml() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = MaxFileBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    /// <summary>A Content-Type without its parameters, in lower case.</summary>
    public static string? MediaType(string? contentType) => contentType?.Split(';')[0].Trim().ToLowerInvariant();

    public static ActivityFormat? FormatOfContentType(string? contentType) => MediaType(contentType) switch
    {
        GpxContentType => ActivityFormat.Gpx,
        TcxContentType => ActivityFormat.Tcx,
        FitDecoder.ContentType => ActivityFormat.Fit,
        _ => null,
    };

    /// <summary>
    /// The most points a file may hold: 55 hours at a point a second, longer than any run. A reader builds an object per
    /// point, so a small file of millions of points would cost gigabytes; they are counted first, streaming, in the bytes.
    /// </summary>
    public const int MaxPoints = 200_000;

    /// <summary>The runs a file holds: one for a GPX or TCX track, one per running session of a FIT activity.</summary>
    /// <exception cref="ActivityFileException">The file is not a readable track or activity, or holds no run.</exception>
    public static IReadOnlyList<FileTrack> Tracks(Stream content, ActivityFormat format)
    {
        if (format == ActivityFormat.Fit)
            return FitRuns.Of(FitDecoder.Decode(Bytes(content)));
        var file = Read(content, format);
        return [new FileTrack(file, TrackSummary.Of(file))];
    }

    /// <summary>The rest of a stream as bytes: an archive entry's own buffer, or a copy of an upload (capped by its size limit).</summary>
    private static ReadOnlySpan<byte> Bytes(Stream content)
    {
        if (content is MemoryStream memory && memory.TryGetBuffer(out var buffer))
            return buffer.AsSpan((int)memory.Position);
        if (content.CanSeek && content.Length - content.Position > MaxFileBytes)
            throw new ActivityFileException($"The file is over {MaxFileBytes / (1024 * 1024)} MB.");
        var copy = new MemoryStream();
        content.CopyTo(copy);
        return copy.Length > MaxFileBytes ? throw new ActivityFileException($"The file is over {MaxFileBytes / (1024 * 1024)} MB.")
            : copy.GetBuffer().AsSpan(0, (int)copy.Length);
    }

    /// <exception cref="ActivityFileException">The file is not a readable GPX or TCX track, or holds too many points.</exception>
    public static ActivityFile Read(Stream content, ActivityFormat format)
    {
        if (!content.CanSeek)
        {
            var copy = new MemoryStream();
            content.CopyTo(copy);
            copy.Position = 0;
            content = copy;
        }

        var start = content.Position;
        CountPoints(content, format == ActivityFormat.Gpx ? "trkpt" : "Trackpoint");
        content.Position = start;
        var file = format == ActivityFormat.Gpx ? GpxActivity.Read(content) : TcxActivity.Read(content);
        if (file.Points.Count == 0)
            throw new ActivityFileException($"The {format.ToString().ToUpperInvariant()} file has no track points: there is no run in it.");
        return file;
    }

    private static void CountPoints(Stream content, string element)
    {
        var points = 0;
        try
        {
            using var xml = XmlReader.Create(content, SafeXml());
            while (xml.Read())
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == element && ++points > MaxPoints)
                    throw new ActivityFileException($"The file holds more than {MaxPoints} track points; HipLog reads at most " +
                        "that many from one activity.");
        }
        catch (XmlException)
        {
            // The reader proper says what is wrong with the file, in its own words.
        }
    }

    /// <summary>Text from a file, trimmed to what a run's fields hold; blank is none.</summary>
    internal static string? Text(string? value, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim() is var t && t.Length > maxLength ? t[..maxLength] : value.Trim();
}
