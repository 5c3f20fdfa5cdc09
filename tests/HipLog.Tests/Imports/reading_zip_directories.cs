using System.Security.Cryptography;
using HipLog.Domain.Imports;
using HipLog.Tests.Support;

namespace HipLog.Tests.Imports;

/// <summary>
/// The archive's directory is walked before .NET's ZipArchive reads it, and what an entry unpacks to is counted as it
/// is read: every hostile shape is a reason, never an exception from the framework or gigabytes of memory.
/// </summary>
public sealed class reading_zip_directories
{
    private static readonly byte[] Good =
        Tracks.Zip([("a.gpx", Tracks.Utf8(ImportedArchive.Gpx(0))), ("b.gpx", Tracks.Utf8(ImportedArchive.Gpx(1)))]);

    private static string Refusal(byte[] zip) =>
        Should.Throw<ActivityArchiveException>(() => ActivityArchive.Open(new MemoryStream(zip))).Message;

    [Fact]
    public void a_sound_directory_is_counted() => ZipDirectory.Check(new MemoryStream(Good), 10).ShouldBe(2);

    [Fact]
    public void an_end_record_counting_one_entry_more_than_the_directory_is_damage() =>
        Refusal(DamagedZips.Counting(Good, 3))
            .ShouldBe("The archive is damaged: its directory holds 2 entries but its end record counts 3.");

    [Fact]
    public void a_directory_record_without_its_signature_is_damage() =>
        Refusal(DamagedZips.WithBrokenDirectory(Good)).ShouldContain("directory is damaged after 0 entries");

    [Fact]
    public void a_file_without_an_end_record_is_no_zip() =>
        Refusal(RandomNumberGenerator.GetBytes(4096)).ShouldStartWith("Not a ZIP archive");

    [Fact]
    public void a_directory_longer_than_the_limit_is_refused_before_its_records_become_objects()
    {
        var many = DamagedZips.OfEmptyEntries(ActivityArchive.MaxEntries + 50);

        Refusal(many).ShouldContain($"holds {ActivityArchive.MaxEntries + 50} entries");
        // An end record that understates the count does not get the rest past: the walk stops one past the limit.
        Refusal(DamagedZips.Counting(many, 1)).ShouldContain($"more than {ActivityArchive.MaxEntries} entries");
    }

    [Fact]
    public void a_gzipped_entry_is_judged_on_what_it_unpacks_to()
    {
        using var archive = ActivityArchive.Open(new MemoryStream(Tracks.Zip([("bomb.gpx.gz", DamagedZips.GzipBomb(40_000))])));
        var entry = ActivityArchive.Check(archive).Single();

        Should.Throw<ActivityFileException>(() => ActivityArchive.Read(archive, entry)).Message.ShouldContain("zip bomb");
    }

    [Fact]
    public void a_gzipped_entry_that_unpacks_past_the_file_limit_is_stopped_while_reading()
    {
        // Half random, half zeros: about 2 to 1, well under the bomb ratio, and over 20 MB once unpacked.
        var content = new byte[(int)ActivityFiles.MaxFileBytes + 1024 * 1024];
        RandomNumberGenerator.Fill(content.AsSpan(0, content.Length / 2));
        var gz = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(gz, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(content);
        using var archive = ActivityArchive.Open(new MemoryStream(Tracks.Zip([("big.gpx.gz", gz.ToArray())])));

        Should.Throw<ActivityFileException>(() => ActivityArchive.Read(archive, ActivityArchive.Check(archive).Single()))
            .Message.ShouldContain("larger than it says or than 20 MB");
    }

    [Fact]
    public void files_past_the_archive_total_fail_with_the_reason_and_are_not_read()
    {
        using var archive = ActivityArchive.Open(new MemoryStream(Good));
        var entries = ActivityArchive.Check(archive);

        var outcomes = ImportBatch.Read(new ArchiveFiles(archive), entries, [], new ImportChoices(null, null), TimeZoneInfo.Utc,
            DateTimeOffset.UtcNow,
            inflated: ActivityArchive.MaxTotalBytes + 1);

        outcomes.ShouldAllBe(o => o.Runs.Count == 0 && o.Reason!.Contains("unpacks to more than 4 GB") && o.Inflated == 0);
        ImportBatch.Read(new ArchiveFiles(archive), entries, [], new ImportChoices(null, null), TimeZoneInfo.Utc, DateTimeOffset.UtcNow)
            .ShouldAllBe(o => o.Runs.Count == 1 && o.Inflated > 0);
    }
}
