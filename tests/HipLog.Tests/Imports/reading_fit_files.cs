using HipLog.Domain.Imports;
using HipLog.Domain.Imports.Fit;
using HipLog.Domain.Runs;
using static HipLog.Tests.Imports.FitSamples;

namespace HipLog.Tests.Imports;

/// <summary>The FIT decoder and the runs it makes, without a database: every form the protocol allows.</summary>
public sealed class reading_fit_files
{
    private static readonly DateTimeOffset Start = new(2026, 10, 3, 6, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<FileTrack> Tracks(byte[] fit) => ActivityFiles.Tracks(new MemoryStream(fit), ActivityFormat.Fit);

    private static FileTrack Single(byte[] fit) => Tracks(fit).ShouldHaveSingleItem();

    [Fact]
    public void the_crc_is_the_protocols()
    {
        // CRC-16 with the reflected 0xA001 polynomial, whose check value over "123456789" is 0xBB3D.
        FitCrc.Of("123456789"u8).ShouldBe((ushort)0xBB3D);
    }

    [Fact]
    public void a_running_session_is_read_with_the_totals_the_watch_showed()
    {
        var run = Single(Run(Start));

        run.Track.StartedAt.ShouldBe(Start);
        run.Track.MovingSeconds.ShouldBe(1080);
        run.Track.DistanceKm.ShouldBe(3.636);
        run.Track.ElevationGainM.ShouldBe(120);
        (run.Track.AvgHeartRate, run.Track.MaxHeartRate).ShouldBe((150, 159));
        run.Surface.ShouldBe(Surface.Trail);
        run.File.Points.Count.ShouldBe(1201);
        run.File.Points[5].HeartRate.ShouldBe(145);
    }

    [Theory]
    [InlineData(12, false)]
    [InlineData(14, false)]
    [InlineData(14, true)]
    public void both_header_sizes_and_both_byte_orders_read_alike(int headerSize, bool bigEndian)
    {
        Single(Run(Start, bigEndian: bigEndian, headerSize: headerSize)).Track.ShouldBe(Single(Run(Start)).Track);
    }

    [Fact]
    public void a_header_crc_of_zero_and_a_file_crc_of_zero_mean_none()
    {
        var fit = Activity().Records(Start, 60).Session(Start, 60, Running, Street).Build(headerCrc: false, fileCrc: false);

        Single(fit).Surface.ShouldBe(Surface.Road);
    }

    [Theory]
    [InlineData(0x10)]
    [InlineData(0x20)]
    [InlineData(0x2F)]
    public void protocol_versions_one_and_two_are_read(byte version)
    {
        Single(Activity().Records(Start, 60).Session(Start, 60, Running, 0).Build(protocol: version)).Surface.ShouldBeNull();
    }

    [Fact]
    public void compressed_timestamps_count_on_from_the_last_full_one_rolling_over_at_32_seconds()
    {
        (byte, byte, byte)[] noTime = [(0, 4, FitEncoder.SInt32), (1, 4, FitEncoder.SInt32), (3, 1, FitEncoder.UInt8)];
        var first = FitEncoder.Seconds(Start);
        var fit = Activity().Define(1, 20, FitEncoder.RecordFields).Data(1, first, FitEncoder.Semicircles(51), 0, null, null, 150)
            .Define(2, 20, noTime);
        for (var i = 1; i <= 40; i++)
            fit.Compressed(2, (int)((first + i) & 0x1F), FitEncoder.Semicircles(51 + Degrees(i)), 0, 150);
        var run = Single(fit.Session(Start, 40, Running, 0).Build());

        run.File.Points.Select(p => p.Time).ShouldBe(Enumerable.Range(0, 41).Select(i => (DateTimeOffset?)Start.AddSeconds(i)));
    }

    [Fact]
    public void developer_fields_are_skipped_by_their_size_with_or_without_a_description()
    {
        (byte, byte, byte)[] devId = [(3, 1, FitEncoder.UInt8)];
        var fit = Activity()
            .Define(4, 207, devId).Data(4, 0)
            .Define(1, 20, FitEncoder.RecordFields, developer: [(0, 2, 0), (1, 7, 0)]);
        for (var i = 0; i <= 60; i++)
            fit.Data(1, FitEncoder.Seconds(Start.AddSeconds(i)), FitEncoder.Semicircles(51 + Degrees(i)), 0, i * 300L, 3000, 150);

        var run = Single(fit.Session(Start, 60, Running, 0).Build());

        (run.File.Points.Count, run.File.Points[^1].DistanceM, run.File.Points[^1].HeartRate).ShouldBe((61, 180, 150));
    }

    [Fact]
    public void a_field_longer_than_its_type_is_an_array_read_from_its_first_element_and_a_shorter_one_is_absent()
    {
        (byte, byte, byte)[] odd = [(253, 4, FitEncoder.UInt32), (0, 4, FitEncoder.SInt32), (1, 4, FitEncoder.SInt32),
            (5, 2, FitEncoder.UInt32), (3, 3, FitEncoder.UInt8)];
        var fit = Activity().Define(1, 20, odd);
        for (var i = 0; i <= 60; i++)
            fit.Data(1, FitEncoder.Seconds(Start.AddSeconds(i)), FitEncoder.Semicircles(51 + Degrees(i)), 0, i * 300L, 150);
        var run = Single(fit.Session(Start, 60, Running, 0).Build());

        run.File.Points.ShouldAllBe(p => p.DistanceM == null && p.HeartRate == 150);
    }

    [Fact]
    public void what_a_session_lacks_comes_from_its_records_measured_as_a_track()
    {
        (byte, byte, byte)[] bare = [(2, 4, FitEncoder.UInt32), (5, 1, FitEncoder.Enum), (8, 4, FitEncoder.UInt32),
            (9, 4, FitEncoder.UInt32), (16, 1, FitEncoder.UInt8)];
        var fit = Activity().Records(Start, 600).Define(2, 18, bare).Data(2, FitEncoder.Seconds(Start), Running, 600_000, null, null);
        var run = Single(fit.Build());

        run.Track.DistanceKm.ShouldBe(1.8);
        run.Track.ElevationGainM.ShouldBe(60);
        (run.Track.AvgHeartRate, run.Track.MaxHeartRate).ShouldBe((149, 159));
    }

    [Fact]
    public void chained_files_are_read_in_turn()
    {
        var later = Start.AddHours(5);

        Tracks([.. Run(Start, 300), .. Run(later, 600, subSport: Street)]).Select(t => (t.Track.StartedAt, t.Surface))
            .ShouldBe([(Start, Surface.Trail), (later, Surface.Road)]);
    }

    [Fact]
    public void a_multisport_file_gives_a_run_per_running_session()
    {
        var (bike, run2) = (Start.AddMinutes(10), Start.AddMinutes(40));
        var fit = Activity().Records(Start, 600).Session(Start, 600, Running, Street)
            .Records(bike, 1800).Session(bike, 1800, Cycling, 0)
            .Records(run2, 900).Session(run2, 900, Running, Street).End(run2.AddSeconds(900), 3).Build();

        var runs = Tracks(fit);

        runs.Select(t => (t.Track.StartedAt, t.Track.MovingSeconds)).ShouldBe([(Start, 540), (run2, 810)]);
        runs[1].File.Points.First().Time.ShouldBe(run2);
    }

    [Theory]
    [InlineData(Cycling, "cycling")]
    [InlineData(17, "hiking")]
    [InlineData(200, "number 200")]
    public void a_file_of_another_sport_is_refused_naming_it(int sport, string name)
    {
        Should.Throw<ActivityFileException>(() => Tracks(Run(Start, 60, sport: sport))).Message.ShouldContain($"its sport is {name}");
    }

    [Fact]
    public void a_file_that_is_not_an_activity_is_refused()
    {
        var course = Activity(type: 6).Records(Start, 60).Build();

        Should.Throw<ActivityFileException>(() => Tracks(course)).Message.ShouldContain("not an activity");
    }

    [Fact]
    public void the_device_offset_comes_from_the_activity_message()
    {
        FitDecoder.Decode(Run(Start, 60)).DeviceOffset.ShouldBe(TimeSpan.FromHours(1));
    }

    [Fact]
    public void invalid_values_are_absent_not_zero()
    {
        var fit = Activity().Define(1, 20, FitEncoder.RecordFields);
        for (var i = 0; i <= 60; i++)
            fit.Data(1, FitEncoder.Seconds(Start.AddSeconds(i)), null, null, i * 300L, null, null);
        var decoded = FitDecoder.Decode(fit.Session(Start, 60, Running, 1).Build());

        decoded.Records.ShouldAllBe(r => r.Latitude == null && r.Longitude == null && r.AltitudeM == null && r.HeartRate == null);
        Single(fit.Build()).Surface.ShouldBe(Surface.Treadmill);
    }
}
