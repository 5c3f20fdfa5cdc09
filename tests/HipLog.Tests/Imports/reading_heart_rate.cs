using HipLog.Domain.Imports;
using HipLog.Tests.Support;
using static HipLog.Tests.Imports.ActivityFileSamples;

namespace HipLog.Tests.Imports;

/// <summary>Heart rate from GPX (Garmin's TrackPointExtension) and TCX (HeartRateBpm): the mean and the highest of the points.</summary>
public sealed class reading_heart_rate
{
    private static string Gpx(params int[] beats) => Tracks.GpxHead +
        "<trk><trkseg>" + string.Concat(beats.Select((bpm, i) =>
            $"""<trkpt lat="{51 + i * 0.0001:0.0000}" lon="0"><time>2026-11-20T06:30:{i:00}Z</time><extensions>""" +
            $"""<gpxtpx:TrackPointExtension xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">""" +
            $"""<gpxtpx:hr>{bpm}</gpxtpx:hr></gpxtpx:TrackPointExtension></extensions></trkpt>""")) + "</trkseg></trk></gpx>";

    [Fact]
    public void gpx_heart_rate_is_read_from_garmins_extension_leaving_out_what_no_body_has()
    {
        var track = Summary(Gpx(140, 150, 160, 0, 300), ActivityFormat.Gpx);

        (track.AvgHeartRate, track.MaxHeartRate).ShouldBe((150, 160));
    }

    [Fact]
    public void a_gpx_without_heart_rate_has_none()
    {
        var track = Summary(Tracks.Gpx(Start, Tracks.Meridian(10, 0.0001)), ActivityFormat.Gpx);

        (track.AvgHeartRate, track.MaxHeartRate).ShouldBe((null, null));
    }

    [Fact]
    public void tcx_heart_rate_is_read_from_each_trackpoints_heart_rate_bpm()
    {
        var tcx = Tracks.Tcx(Start, Tracks.Meridian(4, 0.0001), lapMetres: null)
            .Replace("<Extensions>", "<HeartRateBpm><Value>151</Value></HeartRateBpm><Extensions>");

        var track = Summary(tcx, ActivityFormat.Tcx);

        (track.AvgHeartRate, track.MaxHeartRate).ShouldBe((151, 151));
    }
}
