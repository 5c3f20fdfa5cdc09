using HipLog.Domain.Imports;
using HipLog.Tests.Support;
using static HipLog.Tests.Imports.ActivityFileSamples;

namespace HipLog.Tests.Imports;

/// <summary>A file's name read from it, and the files that are refused with a reason, without a database.</summary>
public sealed class reading_activity_files
{
    [Fact]
    public void a_name_comes_from_the_file()
    {
        ActivityFiles.Read(new MemoryStream(Tracks.Utf8(Tracks.Gpx(Start, Tracks.Meridian(3, 0.0001), "Hill repeats"))),
            ActivityFormat.Gpx).Name.ShouldBe("Hill repeats");
    }

    [Fact]
    public void a_tcx_device_name_is_no_run_name()
    {
        ActivityFiles.Read(new MemoryStream(Tracks.Utf8(Tracks.Tcx(Start, Tracks.Meridian(3, 0.0001), null))), ActivityFormat.Tcx)
            .Name.ShouldBeNull();
    }

    [Theory]
    [InlineData(Tracks.GpxHead + """<trk><trkseg></trkseg></trk></gpx>""", ActivityFormat.Gpx, "no track points")]
    [InlineData(Tracks.GpxHead + """<trk><trkseg><trkpt lat="51" lon="0"><time>2026-11""", ActivityFormat.Gpx, "GPX")]
    [InlineData("""{"type":"FeatureCollection"}""", ActivityFormat.Gpx, "GPX")]
    [InlineData(Tracks.GpxHead + """<trk><trkseg><trkpt lat="951" lon="0"/></trkseg></trk></gpx>""", ActivityFormat.Gpx, "GPX")]
    [InlineData(Tracks.TcxHead + """<Activities/></TrainingCenterDatabase>""", ActivityFormat.Tcx, "no track points")]
    [InlineData("""<?xml version="1.0"?><gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1"/>""", ActivityFormat.Tcx,
        "TrainingCenterDatabase")]
    [InlineData(Tracks.TcxHead
        + """<Activities><Activity><Lap><Track><Trackpoint><Time>yesterday</Time></Trackpoint></Track></Lap></Activity></Activities>"""
        + """</TrainingCenterDatabase>""", ActivityFormat.Tcx, "TCX")]
    public void an_empty_malformed_or_mislabelled_file_is_refused_with_a_reason(string text, ActivityFormat format, string reason)
    {
        var refused = Should.Throw<ActivityFileException>(() => ActivityFiles.Read(new MemoryStream(Tracks.Utf8(text)), format));
        refused.Message.ShouldContain(reason);
    }

    [Fact]
    public void a_file_with_a_dtd_is_refused_before_any_entity_is_expanded()
    {
        var laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY x SYSTEM "file:///etc/passwd">]>
            <gpx version="1.1" creator="x" xmlns="http://www.topografix.com/GPX/1/1"><metadata><name>&b;&x;</name></metadata></gpx>
            """;
        foreach (var format in new[] { ActivityFormat.Gpx, ActivityFormat.Tcx })
            Should.Throw<ActivityFileException>(() => ActivityFiles.Read(new MemoryStream(Tracks.Utf8(laughs)), format))
                .Message.ShouldContain("DTD");
    }
}
