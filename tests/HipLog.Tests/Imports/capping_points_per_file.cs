using System.Text;
using HipLog.Domain.Imports;

namespace HipLog.Tests.Imports;

/// <summary>A reader builds an object per point: a small file of millions of points is refused before it is parsed.</summary>
public sealed class capping_points_per_file
{
    private static MemoryStream Gpx(int points)
    {
        var gpx = new StringBuilder("<gpx xmlns=\"http://www.topografix.com/GPX/1/1\" version=\"1.1\" creator=\"t\"><trk><trkseg>");
        for (var i = 0; i < points; i++)
            gpx.Append("<trkpt lat=\"0\" lon=\"0\"/>");
        return new MemoryStream(Encoding.UTF8.GetBytes(gpx.Append("</trkseg></trk></gpx>").ToString()));
    }

    private static MemoryStream Tcx(int points)
    {
        var tcx = new StringBuilder("<TrainingCenterDatabase xmlns=\"http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2\">" +
            "<Activities><Activity Sport=\"Running\"><Lap><Track>");
        for (var i = 0; i < points; i++)
            tcx.Append("<Trackpoint><Time>2026-11-20T06:00:00Z</Time></Trackpoint>");
        return new MemoryStream(Encoding.UTF8.GetBytes(tcx.Append("</Track></Lap></Activity></Activities></TrainingCenterDatabase>")
            .ToString()));
    }

    [Fact]
    public void a_gpx_file_of_more_points_than_any_run_is_refused_saying_so()
    {
        Should.Throw<ActivityFileException>(() => ActivityFiles.Read(Gpx(ActivityFiles.MaxPoints + 1), ActivityFormat.Gpx))
            .Message.ShouldContain($"more than {ActivityFiles.MaxPoints} track points");
    }

    [Fact]
    public void a_tcx_file_of_more_points_than_any_run_is_refused_saying_so()
    {
        Should.Throw<ActivityFileException>(() => ActivityFiles.Read(Tcx(ActivityFiles.MaxPoints + 1), ActivityFormat.Tcx))
            .Message.ShouldContain($"more than {ActivityFiles.MaxPoints} track points");
    }

    [Fact]
    public void a_file_within_the_cap_is_read_whole()
    {
        ActivityFiles.Read(Gpx(1_000), ActivityFormat.Gpx).Points.Count.ShouldBe(1_000);
    }
}
