using System.IO.Compression;
using HipLog.Domain.Imports;
using HipLog.Tests.Support;

namespace HipLog.Tests.Imports;

/// <summary>An export archive's activity files and activities.csv found, and the hostile or oversized archives refused.</summary>
public sealed class reading_activity_archives
{
    [Fact]
    public void an_archive_lists_its_activity_files_in_name_order_passing_over_the_rest()
    {
        using var archive = ActivityArchive.Open(new MemoryStream(Export));

        ActivityArchive.Check(archive).Select(e => (e.Name, e.Format, e.Gzipped)).ShouldBe([
            ("activities/1.gpx", ActivityFormat.Gpx, false), ("activities/2.tcx.gz", ActivityFormat.Tcx, true),
                ("activities/3.fit.gz", ActivityFormat.Fit, true),
        ]);
    }

    [Fact]
    public void a_zip_inside_the_archive_is_read_one_level_deep_and_its_files_are_named_after_it()
    {
        var deeper = Tracks.Zip([("deep.fit", [1])]);
        var inner = Tracks.Zip([("b.fit", [1]), ("a.fit.gz", [1]), ("deeper.zip", deeper), ("notes.txt", [1])]);
        using var archive = ActivityArchive.Open(new MemoryStream(Tracks.Zip([
            ("DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", inner), ("z.gpx", [1]),
        ])));

        ActivityArchive.Check(archive).Select(e => e.Path).ShouldBe([
            "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip/a.fit.gz",
            "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip/b.fit", "z.gpx",
        ]);
    }

    [Fact]
    public void an_inner_zip_that_is_not_one_refuses_the_archive()
    {
        using var archive = ActivityArchive.Open(new MemoryStream(Tracks.Zip([("export/part.zip", [1, 2, 3]), ("a.gpx", [1])])));

        Should.Throw<ActivityArchiveException>(() => ActivityArchive.Check(archive)).Message.ShouldContain("ZIP");
    }

    [Fact]
    public void an_archive_finds_its_activities_csv()
    {
        using var archive = ActivityArchive.Open(new MemoryStream(Export));

        ActivityArchive.Csv(archive)!.FullName.ShouldBe("activities.csv");
    }

    private static readonly byte[] Export = Tracks.Zip([
        ("activities/2.tcx.gz", Tracks.Gzip("<x/>")), ("activities/1.gpx", Tracks.Utf8("<x/>")), ("activities/3.fit.gz", [1, 2]),
        ("media/photo.jpg", [1]), ("__MACOSX/activities/._1.gpx", [1]), ("activities.csv", Tracks.Utf8("Filename\n")),
    ]);

    [Theory]
    [InlineData("../evil.gpx", "climbs out")]
    [InlineData("activities/../../evil.gpx", "climbs out")]
    [InlineData("/etc/evil.gpx", "absolute")]
    [InlineData("C:\\evil.gpx", "absolute")]
    [InlineData("run\u202Egpx.exe", "control")]
    [InlineData("run\u0001.gpx", "control")]
    public void an_archive_with_a_hostile_name_is_refused_whole(string name, string reason)
    {
        var zip = Tracks.Zip([("activities/1.gpx", Tracks.Utf8("<x/>")), (name, Tracks.Utf8("<x/>"))]);
        using var archive = ActivityArchive.Open(new MemoryStream(zip));
        Should.Throw<ActivityArchiveException>(() => ActivityArchive.Check(archive)).Message.ShouldContain(reason);
    }

    [Fact]
    public void a_zip_bomb_is_refused()
    {
        using var archive = ActivityArchive.Open(new MemoryStream(Tracks.Zip([("activities/1.gpx", new byte[10 * 1024 * 1024])])));

        Should.Throw<ActivityArchiveException>(() => ActivityArchive.Check(archive)).Message.ShouldContain("zip bomb");
    }

    [Fact]
    public void an_archive_without_activities_is_refused()
    {
        using var archive = ActivityArchive.Open(new MemoryStream(Tracks.Zip([("notes.txt", [1])])));

        Should.Throw<ActivityArchiveException>(() => ActivityArchive.Check(archive)).Message.ShouldContain("no .gpx, .tcx or .fit");
    }

    [Fact]
    public void a_file_that_is_no_zip_is_refused()
    {
        Should.Throw<ActivityArchiveException>(() => ActivityArchive.Open(new MemoryStream(Tracks.Utf8("not a zip"))))
            .Message.ShouldContain("Not a ZIP");
    }
}
