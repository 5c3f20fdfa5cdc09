using System.Globalization;
using System.Xml;
using HipLog.Domain.Runs;

namespace HipLog.Domain.Imports;

/// <summary>
/// Garmin's Training Center XML v2, read forward-only by the schema's names: the first activity or course, its laps'
/// DistanceMeters, and every Trackpoint's Time, Position, AltitudeMeters, DistanceMeters and HeartRateBpm. Extensions are skipped.
/// </summary>
internal static class TcxActivity
{
    public const string Namespace = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2";

    public static ActivityFile Read(Stream content)
    {
        try
        {
            using var xml = XmlReader.Create(content, ActivityFiles.SafeXml());
            if (xml.MoveToContent() != XmlNodeType.Element || xml.LocalName != "TrainingCenterDatabase" || xml.NamespaceURI != Namespace)
                throw new ActivityFileException($"Not a TCX file: the root element is not TrainingCenterDatabase in {Namespace}.");
            return ReadDatabase(xml);
        }
        catch (Exception e) when (e is XmlException or FormatException or OverflowException)
        {
            throw new ActivityFileException($"Not a readable TCX file: {e.Message}");
        }
    }

    private static ActivityFile ReadDatabase(XmlReader xml)
    {
        // The element names along the current path, by depth: a DistanceMeters or a Name means what its parent says.
        var path = new List<string>();
        var points = new List<TrackPoint>();
        string? name = null;
        double? lapsDistance = null;
        // Reading an element's content leaves the reader on the node after it, which must not be skipped.
        var onNext = false;
        while (onNext || xml.Read())
        {
            onNext = false;
            if (xml.NodeType != XmlNodeType.Element)
                continue;
            if (path.Count > xml.Depth)
                path.RemoveRange(xml.Depth, path.Count - xml.Depth);
            var parent = path.Count > 0 ? path[^1] : "";
            path.Add(xml.NamespaceURI == Namespace ? xml.LocalName : "");
            if (xml.NamespaceURI != Namespace)
                continue;

            switch (xml.LocalName)
            {
                case "Trackpoint":
                    using (var point = xml.ReadSubtree())
                        if (ReadPoint(point) is { } p)
                            points.Add(p);
                    break;
                case "DistanceMeters" when parent == "Lap":
                    lapsDistance = (lapsDistance ?? 0) + Number(xml.ReadElementContentAsString());
                    onNext = true;
                    break;
                case "Name" when parent is "Activity" or "Course" && name is null:
                    name = xml.ReadElementContentAsString();
                    onNext = true;
                    break;
            }
        }

        return new ActivityFile(ActivityFiles.Text(name, RunLimits.MaxNameLength), points, lapsDistance is > 0 ? lapsDistance : null);
    }

    private static TrackPoint? ReadPoint(XmlReader xml)
    {
        DateTimeOffset? time = null;
        double? latitude = null, longitude = null, altitude = null, distance = null, heartRate = null;
        xml.Read();
        var onNext = false;
        while (onNext || xml.Read())
        {
            onNext = false;
            if (xml.NodeType != XmlNodeType.Element || xml.NamespaceURI != Namespace)
                continue;
            onNext = true;
            switch (xml.LocalName)
            {
                case "Time": time = DateTimeOffset.Parse(xml.ReadElementContentAsString(), CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal); break;
                case "LatitudeDegrees": latitude = Degrees(xml.ReadElementContentAsString(), 90); break;
                case "LongitudeDegrees": longitude = Degrees(xml.ReadElementContentAsString(), 180); break;
                case "AltitudeMeters": altitude = Number(xml.ReadElementContentAsString()); break;
                case "DistanceMeters": distance = Number(xml.ReadElementContentAsString()); break;
                // HeartRateBpm's one child: the reader steps into HeartRateBpm and finds it next.
                case "Value": heartRate = Number(xml.ReadElementContentAsString()); break;
                default: onNext = false; break;
            }
        }

        return new TrackPoint(time, latitude, longitude, altitude, distance, TrackPoint.PlausibleHeartRate(heartRate));
    }

    private static double Number(string text) =>
        double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) is var n && double.IsFinite(n)
            ? n
            : throw new FormatException($"'{text}' is not a finite number.");

    private static double Degrees(string text, double limit) =>
        Number(text) is var d && Math.Abs(d) <= limit ? d : throw new FormatException($"'{text}' is not a coordinate within ±{limit}°.");
}
