using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using HipLog.Domain.Runs;
using NetTopologySuite.IO;

namespace HipLog.Domain.Imports;

/// <summary>GPX 1.1 through NetTopologySuite.IO.GPX: every point of every segment of every track, in the file's order.</summary>
internal static class GpxActivity
{
    public static ActivityFile Read(Stream content)
    {
        GpxFile gpx;
        try
        {
            using var xml = XmlReader.Create(content, ActivityFiles.SafeXml());
            gpx = GpxFile.ReadFrom(xml, new GpxReaderSettings
            {
                // Watch platforms add their own elements at the top level; they say nothing about the track.
                IgnoreUnexpectedChildrenOfTopLevelElement = true,
            });
        }
        catch (Exception e) when (e is XmlException or FormatException or ArgumentException or InvalidOperationException
                                      or OverflowException)
        {
            throw new ActivityFileException($"Not a readable GPX 1.1 file: {e.Message}");
        }

        var points = gpx.Tracks
            .SelectMany(t => t.Segments)
            .SelectMany(s => s.Waypoints)
            .Select(w => new TrackPoint(w.TimestampUtc is { } utc ? new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)) : null,
                w.Latitude.Value, w.Longitude.Value, w.ElevationInMeters, null, HeartRate(w.Extensions)))
            .ToList();
        var name = gpx.Metadata.Name ?? gpx.Tracks.Select(t => t.Name).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n));
        return new ActivityFile(ActivityFiles.Text(name, RunLimits.MaxNameLength), points, null);
    }

    /// <summary>
    /// Garmin's TrackPointExtension (gpxtpx:hr, under whatever prefix the file gives its namespace) is where watches write
    /// heart rate in GPX; a value that is not a number is no reading.
    /// </summary>
    private static int? HeartRate(object? extensions) =>
        extensions is IEnumerable<XElement> elements
            ? elements.SelectMany(e => e.DescendantsAndSelf()).FirstOrDefault(e => e.Name.LocalName == "hr") is { } hr
              && double.TryParse(hr.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var bpm)
                ? TrackPoint.PlausibleHeartRate(bpm)
                : null
            : null;
}
