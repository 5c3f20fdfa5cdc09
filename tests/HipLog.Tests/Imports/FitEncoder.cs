using HipLog.Domain.Imports.Fit;

namespace HipLog.Tests.Imports;

/// <summary>
/// A small FIT writer for the tests, written from the FIT protocol document (file header, definition and data messages,
/// compressed timestamps, developer fields, CRCs), independent of the decoder: it shares only the CRC, which the test
/// <c>reading_fit_files.the_crc_is_the_protocols</c> checks against the protocol's published check value.
/// </summary>
public sealed class FitEncoder
{
    public const byte Enum = 0x00, UInt8 = 0x02, UInt16 = 0x84, SInt32 = 0x85, UInt32 = 0x86, String = 0x07;

    private readonly List<byte> _data = [];
    private readonly Dictionary<int, (bool Big, (byte Number, byte Size, byte Type)[] Fields, int DeveloperBytes)> _defined = [];

    public FitEncoder Define(int local, ushort global, (byte Number, byte Size, byte Type)[] fields, bool bigEndian = false,
        (byte Number, byte Size, byte Index)[]? developer = null)
    {
        _data.Add((byte)(0x40 | (developer is null ? 0 : 0x20) | local));
        _data.AddRange([0, (byte)(bigEndian ? 1 : 0)]);
        _data.AddRange(bigEndian ? [(byte)(global >> 8), (byte)global] : [(byte)global, (byte)(global >> 8)]);
        _data.Add((byte)fields.Length);
        foreach (var f in fields)
            _data.AddRange([f.Number, f.Size, f.Type]);
        if (developer is not null)
        {
            _data.Add((byte)developer.Length);
            foreach (var d in developer)
                _data.AddRange([d.Number, d.Size, d.Index]);
        }

        _defined[local] = (bigEndian, fields, developer?.Sum(d => d.Size) ?? 0);
        return this;
    }

    /// <summary>A data message: one value per field (null writes the type's invalid value), then developer bytes of 0xAB.</summary>
    public FitEncoder Data(int local, params long?[] values) => Message((byte)local, local, values);

    /// <summary>A data message with a compressed-timestamp header: the low five bits of its time, and no timestamp field.</summary>
    public FitEncoder Compressed(int local, int offset, params long?[] values) =>
        Message((byte)(0x80 | (local << 5) | (offset & 0x1F)), local, values);

    public FitEncoder Raw(params byte[] bytes)
    {
        _data.AddRange(bytes);
        return this;
    }

    private FitEncoder Message(byte header, int local, long?[] values)
    {
        var (big, fields, developer) = _defined[local];
        _data.Add(header);
        for (var i = 0; i < fields.Length; i++)
            _data.AddRange(Encode(values[i], fields[i].Size, fields[i].Type, big));
        _data.AddRange(Enumerable.Repeat((byte)0xAB, developer));
        return this;
    }

    private static byte[] Encode(long? value, int size, byte type, bool big)
    {
        var width = type switch { UInt16 => 2, SInt32 or UInt32 => 4, _ => 1 };
        var invalid = type switch { SInt32 => 0x7FFFFFFFL, String => 0L, _ => (1L << (8 * width)) - 1 };
        var bytes = new byte[size];
        Array.Fill(bytes, (byte)0xFF);
        var element = BitConverter.GetBytes(value ?? invalid)[..width];
        if (big)
            Array.Reverse(element);
        element.AsSpan(0, Math.Min(width, size)).CopyTo(bytes);
        return bytes;
    }

    /// <summary>The file: header (12 or 14 bytes, with or without its CRC), the messages, and the file CRC (or 0 for none).</summary>
    public byte[] Build(int headerSize = 14, bool headerCrc = true, bool fileCrc = true, byte protocol = 0x20, uint? claimedSize = null)
    {
        var header = new List<byte> { (byte)headerSize, protocol, 0x08, 0x08 };
        header.AddRange(BitConverter.GetBytes(claimedSize ?? (uint)_data.Count));
        header.AddRange(".FIT"u8.ToArray());
        if (headerSize == 14)
            header.AddRange(BitConverter.GetBytes(headerCrc ? FitCrc.Of(header.ToArray()) : (ushort)0));
        var file = header.Concat(_data).ToList();
        file.AddRange(BitConverter.GetBytes(fileCrc ? FitCrc.Of(file.ToArray()) : (ushort)0));
        return file.ToArray();
    }

    public static uint Seconds(DateTimeOffset t) => (uint)(t - FitTime.Epoch).TotalSeconds;

    public static int Semicircles(double degrees) => (int)Math.Round(degrees * (2147483648.0 / 180));

    public static readonly (byte, byte, byte)[] FileIdFields = [(0, 1, Enum), (1, 2, UInt16), (4, 4, UInt32)];

    /// <summary>timestamp, position_lat, position_long, distance (cm), enhanced_altitude (scale 5, offset 500), heart_rate.</summary>
    public static readonly (byte, byte, byte)[] RecordFields =
        [(253, 4, UInt32), (0, 4, SInt32), (1, 4, SInt32), (5, 4, UInt32), (78, 4, UInt32), (3, 1, UInt8)];

    /// <summary>timestamp, start_time, sport, sub_sport, total_elapsed_time, total_timer_time (ms), total_distance (cm),
    /// total_ascent, avg and max heart rate.</summary>
    public static readonly (byte, byte, byte)[] SessionFields =
    [
        (253, 4, UInt32), (2, 4, UInt32), (5, 1, Enum), (6, 1, Enum), (7, 4, UInt32), (8, 4, UInt32), (9, 4, UInt32), (22, 2, UInt16),
        (16, 1, UInt8), (17, 1, UInt8),
    ];

    /// <summary>timestamp, local_timestamp, num_sessions.</summary>
    public static readonly (byte, byte, byte)[] ActivityFields = [(253, 4, UInt32), (5, 4, UInt32), (1, 2, UInt16)];
}
