namespace HipLog.Domain.Imports.Fit;

/// <summary>One field of a definition message: its number in the profile, its size in bytes, its base type.</summary>
public readonly record struct FitFieldDefinition(byte Number, byte Size, byte BaseType);

/// <summary>
/// What a definition message says a local message type's data messages hold: the global message number, the byte
/// order of its multi-byte values, its fields in order, and the bytes its developer fields take (skipped, never read).
/// </summary>
public sealed record FitDefinition(ushort Global, bool BigEndian, FitFieldDefinition[] Fields, int DeveloperBytes)
{
    public int DataSize => Fields.Sum(f => f.Size) + DeveloperBytes;
}

/// <summary>A data message's field values as raw bytes, in the order the definition gave them.</summary>
public readonly ref struct FitMessage(FitDefinition definition, ReadOnlySpan<byte> content, uint? compressedTimestamp)
{
    public FitDefinition Definition { get; } = definition;
    public ReadOnlySpan<byte> Content { get; } = content;

    /// <summary>The timestamp a compressed-timestamp header gave the message, when it had one.</summary>
    public uint? CompressedTimestamp { get; } = compressedTimestamp;
}

/// <summary>
/// The FIT protocol's framing (the FIT SDK's "FIT Protocol" document): a file header with the ".FIT" signature and an
/// optional header CRC, definition and data messages with normal or compressed-timestamp record headers, and a file CRC
/// after the data. Files chained back to back are read in turn. Every length read from the file is checked against the
/// bytes that remain before it is used, so a crafted length ends the read with a reason, never an allocation or a loop.
/// </summary>
public static class FitFrames
{
    public const int MinimumHeaderSize = 12;
    public const byte DefinitionBit = 0x40;
    public const byte DeveloperDataBit = 0x20;
    public const byte CompressedTimestampBit = 0x80;

    /// <summary>True when the bytes start like a FIT file: a 12- or 14-byte header with the ".FIT" signature.</summary>
    public static bool LooksLikeFit(ReadOnlySpan<byte> start) =>
        start.Length >= MinimumHeaderSize && start[0] is 12 or 14 && start[8..12].SequenceEqual(".FIT"u8);

    /// <summary>Reads every file chained in <paramref name="bytes"/>, handing each data message to <paramref name="visit"/>.</summary>
    /// <exception cref="ActivityFileException">The bytes are not a FIT file, or a damaged or truncated one.</exception>
    public static void Read(ReadOnlySpan<byte> bytes, FitVisitor visit)
    {
        if (bytes.Length == 0)
            throw new ActivityFileException("The file is empty.");
        var offset = 0;
        var files = 0;
        while (offset < bytes.Length)
        {
            offset += ReadOne(bytes[offset..], visit, ++files);
            // Some tools pad a file with zero bytes after its CRC: padding is not another file.
            if (!bytes[offset..].ContainsAnyExcept((byte)0))
                break;
        }
    }

    private static int ReadOne(ReadOnlySpan<byte> bytes, FitVisitor visit, int index)
    {
        var where = index == 1 ? "The file" : $"FIT file {index} in the chain";
        if (bytes.Length < MinimumHeaderSize || bytes[0] is not (12 or 14) || bytes.Length < bytes[0])
            throw new ActivityFileException($"{where} does not start with a FIT file header.");
        var headerSize = bytes[0];
        if (!bytes[8..12].SequenceEqual(".FIT"u8))
            throw new ActivityFileException($"{where} does not carry the \".FIT\" signature in its header.");
        if (bytes[1] >> 4 is 0 or > 2)
            throw new ActivityFileException(
                $"{where} uses FIT protocol version {bytes[1] >> 4}.{bytes[1] & 0x0F}; HipLog reads 1.x and 2.x.");
        if (headerSize == 14 && BitConverter.ToUInt16(bytes[12..14]) is var headerCrc and not 0
            && headerCrc != FitCrc.Of(bytes[..12]))
            throw new ActivityFileException($"{where} has a header whose CRC does not match it: the file is damaged.");

        var dataSize = (long)BitConverter.ToUInt32(bytes[4..8]);
        if (headerSize + dataSize + 2 > bytes.Length)
            throw new ActivityFileException($"{where} is shorter than its header says ({dataSize:N0} bytes of data): it was cut off.");
        var end = headerSize + (int)dataSize;
        var fileCrc = BitConverter.ToUInt16(bytes[end..(end + 2)]);
        if (fileCrc != 0 && fileCrc != FitCrc.Of(bytes[..end]))
            throw new ActivityFileException($"{where} does not match its CRC: the file is damaged.");

        ReadRecords(bytes[headerSize..end], visit);
        return end + 2;
    }

    private static void ReadRecords(ReadOnlySpan<byte> data, FitVisitor visit)
    {
        var definitions = new FitDefinition?[16];
        var position = 0;
        uint? lastTimestamp = null;
        while (position < data.Length)
        {
            var header = data[position++];
            if ((header & CompressedTimestampBit) != 0)
            {
                var local = (header >> 5) & 0x03;
                var last = lastTimestamp ?? throw new ActivityFileException(
                    "A message with a compressed timestamp comes before any full timestamp: its time cannot be known.");
                lastTimestamp = FitTime.Expand(last, header & 0x1F);
                position += Data(data, position, definitions[local], local, lastTimestamp, visit, ref lastTimestamp);
            }
            else if ((header & DefinitionBit) != 0)
                position += Define(data[position..], (header & DeveloperDataBit) != 0, out definitions[header & 0x0F]);
            else
                position += Data(data, position, definitions[header & 0x0F], header & 0x0F, null, visit, ref lastTimestamp);
        }
    }

    private static int Data(ReadOnlySpan<byte> data, int position, FitDefinition? definition, int local, uint? compressed,
        FitVisitor visit, ref uint? lastTimestamp)
    {
        if (definition is null)
            throw new ActivityFileException($"A data message uses local message type {local}, which no definition message came before.");
        var size = definition.DataSize;
        if (size > data.Length - position)
            throw new ActivityFileException("The last message is cut off before its end: the file is truncated.");
        var message = new FitMessage(definition, data.Slice(position, size), compressed);
        if (compressed is null && FitFields.Timestamp(message) is { } full)
            lastTimestamp = full;
        visit(message);
        return size;
    }

    private static int Define(ReadOnlySpan<byte> rest, bool developer, out FitDefinition? definition)
    {
        if (rest.Length < 5)
            throw new ActivityFileException("A definition message is cut off before its end: the file is truncated.");
        var bigEndian = rest[1] switch
        {
            0 => false,
            1 => true,
            _ => throw new ActivityFileException($"A definition message names byte order {rest[1]}, which is neither 0 nor 1."),
        };
        var global = bigEndian ? (ushort)(rest[2] << 8 | rest[3]) : (ushort)(rest[3] << 8 | rest[2]);
        int count = rest[4], length = 5 + count * 3;
        if (length > rest.Length)
            throw new ActivityFileException("A definition message is cut off before its end: the file is truncated.");
        var fields = new FitFieldDefinition[count];
        for (var i = 0; i < count; i++)
            fields[i] = new FitFieldDefinition(rest[5 + i * 3], rest[6 + i * 3], rest[7 + i * 3]);

        var developerBytes = 0;
        if (developer)
        {
            if (length + 1 > rest.Length || length + 1 + rest[length] * 3 > rest.Length)
                throw new ActivityFileException("A definition message is cut off before its end: the file is truncated.");
            for (var i = 0; i < rest[length]; i++)
                developerBytes += rest[length + 2 + i * 3];
            length += 1 + rest[length] * 3;
        }

        definition = new FitDefinition(global, bigEndian, fields, developerBytes);
        return length;
    }
}

/// <summary>Receives each data message as it is read; the message's bytes are valid only during the call.</summary>
public delegate void FitVisitor(FitMessage message);
