using HipLog.Domain.Imports;
using HipLog.Domain.Imports.Fit;
using static HipLog.Tests.Imports.FitSamples;

namespace HipLog.Tests.Imports;

/// <summary>
/// Hostile and damaged FIT files: each is refused with a reason (an <see cref="ActivityFileException"/>, which the Api answers
/// 400 and an archive records against the file), never another exception, an endless loop or an allocation beyond the file.
/// </summary>
public sealed class refusing_fit_files
{
    private static readonly DateTimeOffset Start = new(2026, 10, 3, 6, 0, 0, TimeSpan.Zero);

    private static string Refusal(byte[] fit) =>
        Should.Throw<ActivityFileException>(() => ActivityFiles.Tracks(new MemoryStream(fit), ActivityFormat.Fit)).Message;

    /// <summary>A file whose header's data size and CRC are made to fit what is left of it, so only the cut itself is judged.</summary>
    private static byte[] Resealed(byte[] fit, int dataBytes)
    {
        var file = fit[..(14 + dataBytes)].Concat(new byte[2]).ToArray();
        BitConverter.GetBytes((uint)dataBytes).CopyTo(file, 4);
        BitConverter.GetBytes(FitCrc.Of(file.AsSpan(0, 12))).CopyTo(file, 12);
        BitConverter.GetBytes(FitCrc.Of(file.AsSpan(0, file.Length - 2))).CopyTo(file, file.Length - 2);
        return file;
    }

    [Fact]
    public void a_file_cut_anywhere_is_refused_as_cut_off()
    {
        var fit = Run(Start, 20);

        for (var length = 0; length < fit.Length; length++)
            Refusal(fit[..length]).ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void a_file_cut_and_resealed_inside_any_message_is_refused_as_truncated_and_at_a_boundary_reads_what_it_holds()
    {
        var fit = Run(Start, 20);
        var dataSize = fit.Length - 16;
        var refused = 0;

        for (var cut = 0; cut < dataSize; cut++)
        {
            try
            {
                ActivityFiles.Tracks(new MemoryStream(Resealed(fit, cut)), ActivityFormat.Fit);
            }
            catch (ActivityFileException e)
            {
                e.Message.ShouldNotBeNullOrWhiteSpace();
                refused++;
            }
        }

        // A cut before the session ends leaves no session; only the cuts after it and after the activity definition read.
        refused.ShouldBe(dataSize - 2);
    }

    [Fact]
    public void a_wrong_file_crc_is_refused()
    {
        var fit = Run(Start, 20);
        fit[^1] ^= 0x55;

        Refusal(fit).ShouldContain("does not match its CRC");
    }

    [Fact]
    public void a_wrong_header_crc_is_refused()
    {
        var fit = Run(Start, 20);
        fit[12] ^= 0x55;

        Refusal(fit).ShouldContain("header whose CRC");
    }

    [Fact]
    public void a_definition_of_255_fields_of_255_bytes_is_refused_without_reading_past_the_file()
    {
        var fields = Enumerable.Range(0, 255).Select(i => ((byte)i, (byte)255, (byte)0x0D)).ToArray();
        var fit = Activity().Define(5, 20, fields).Raw(0x05, 1, 2, 3).Build();

        Refusal(fit).ShouldContain("truncated");
    }

    [Fact]
    public void a_data_message_for_an_undefined_local_type_is_refused()
    {
        Refusal(Activity().Raw(0x07, 1, 2, 3).Build()).ShouldContain("local message type 7");
    }

    [Fact]
    public void a_compressed_timestamp_before_any_full_timestamp_is_refused()
    {
        (byte, byte, byte)[] heart = [(3, 1, FitEncoder.UInt8)];
        var fit = Activity().Define(1, 20, heart).Compressed(1, 4, 150).Build();

        Refusal(fit).ShouldContain("compressed timestamp comes before any full timestamp");
    }

    [Theory]
    [InlineData(new byte[0], "empty")]
    [InlineData(new byte[] { 14 }, "FIT file header")]
    [InlineData(new byte[] { 14, 0x20, 0, 0, 0, 0, 0, 0, (byte)'.', (byte)'F', (byte)'I', (byte)'X', 0, 0, 0, 0 }, "signature")]
    public void empty_tiny_and_unsigned_files_are_refused(byte[] fit, string reason)
    {
        Refusal(fit).ShouldContain(reason);
    }

    [Fact]
    public void a_header_claiming_four_gigabytes_is_refused_as_cut_off()
    {
        Refusal(Activity().Build(claimedSize: uint.MaxValue)).ShouldContain("shorter than its header says");
    }

    [Fact]
    public void a_protocol_version_three_is_refused_naming_it()
    {
        Refusal(Run(Start, 10).Select((b, i) => i == 1 ? (byte)0x30 : b).ToArray()).ShouldContain("version 3.0");
    }

    [Fact]
    public void a_byte_order_other_than_0_or_1_is_refused()
    {
        Refusal(Activity().Raw(0x41, 0, 7, 20, 0, 0).Build()).ShouldContain("byte order 7");
    }

    [Fact]
    public void random_damage_is_always_a_reason_or_a_reading_never_another_exception()
    {
        var fit = Run(Start, 60);
        var random = new Random(20261207);
        for (var i = 0; i < 3000; i++)
        {
            var damaged = (byte[])fit.Clone();
            for (var n = random.Next(1, 6); n > 0; n--)
                damaged[random.Next(14, damaged.Length - 2)] = (byte)random.Next(256);
            // Resealed, so the damage reaches the decoder's messages instead of stopping at the CRC.
            var sealedFile = Resealed(damaged, damaged.Length - 16);
            try
            {
                ActivityFiles.Tracks(new MemoryStream(sealedFile), ActivityFormat.Fit);
            }
            catch (ActivityFileException)
            {
            }
        }
    }
}
