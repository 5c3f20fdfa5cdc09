using System.Buffers.Binary;

namespace HipLog.Domain.Imports;

/// <summary>
/// The ZIP's end record and central directory, walked record by record before .NET's ZipArchive reads them: ZipArchive
/// makes an object of every record before anyone can count them (600,000 tiny records cost hundreds of megabytes), and
/// throws its own exception when the end record and the directory disagree. Here each record costs a few bytes of
/// buffer, and every flaw is a reason.
/// </summary>
public static class ZipDirectory
{
    private const uint EndSignature = 0x06054b50, Zip64EndSignature = 0x06064b50, Zip64LocatorSignature = 0x07064b50;
    private const uint RecordSignature = 0x02014b50;
    private const int EndSize = 22, RecordSize = 46, LocatorSize = 20, Zip64EndSize = 56;

    /// <summary>The number of entries the directory holds.</summary>
    /// <exception cref="ActivityArchiveException">Not a ZIP, a damaged directory, or more than <paramref name="maxEntries"/>
    /// entries.</exception>
    public static long Check(Stream zip, int maxEntries)
    {
        if (!zip.CanSeek)
            throw new ArgumentException("The archive must be seekable.", nameof(zip));
        var (endAt, declared, size, offset) = End(zip);
        if (declared > maxEntries)
            throw Damaged($"The archive holds {declared} entries; at most {maxEntries} are read.", plain: true);
        if (offset < 0 || size < 0 || offset + size > endAt)
            throw Damaged("its directory lies outside the file");
        var counted = Walk(zip, offset, size, maxEntries);
        if (counted != declared)
            throw Damaged($"its directory holds {counted} entries but its end record counts {declared}");
        return counted;
    }

    private static (long EndAt, long Entries, long Size, long Offset) End(Stream zip)
    {
        var tail = (int)Math.Min(zip.Length, EndSize + ushort.MaxValue);
        var buffer = ReadAt(zip, zip.Length - tail, tail);
        for (var at = tail - EndSize; at >= 0; at--)
        {
            var end = buffer.AsSpan(at);
            if (BinaryPrimitives.ReadUInt32LittleEndian(end) != EndSignature)
                continue;
            var endAt = zip.Length - tail + at;
            if (BinaryPrimitives.ReadUInt16LittleEndian(end[4..]) != 0 || BinaryPrimitives.ReadUInt16LittleEndian(end[6..]) != 0)
                throw Damaged("it is split over several disks, which HipLog does not read", plain: false);
            long entries = BinaryPrimitives.ReadUInt16LittleEndian(end[10..]);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(end[12..]);
            long offset = BinaryPrimitives.ReadUInt32LittleEndian(end[16..]);
            return entries == ushort.MaxValue || size == uint.MaxValue || offset == uint.MaxValue
                ? Zip64End(zip, endAt)
                : (endAt, entries, size, offset);
        }

        throw new ActivityArchiveException("Not a ZIP archive: it has no end of central directory record.");
    }

    private static (long, long, long, long) Zip64End(Stream zip, long endAt)
    {
        if (endAt < LocatorSize)
            throw Damaged("its ZIP64 end record is missing");
        var locator = ReadAt(zip, endAt - LocatorSize, LocatorSize);
        if (BinaryPrimitives.ReadUInt32LittleEndian(locator) != Zip64LocatorSignature)
            throw Damaged("its ZIP64 end record is missing");
        var at = BinaryPrimitives.ReadInt64LittleEndian(locator.AsSpan(8));
        if (at < 0 || at > endAt - LocatorSize - Zip64EndSize)
            throw Damaged("its ZIP64 end record lies outside the file");
        var end = ReadAt(zip, at, Zip64EndSize);
        if (BinaryPrimitives.ReadUInt32LittleEndian(end) != Zip64EndSignature)
            throw Damaged("its ZIP64 end record is damaged");
        var entries = BinaryPrimitives.ReadInt64LittleEndian(end.AsSpan(32));
        return (at, entries < 0 ? long.MaxValue : entries, BinaryPrimitives.ReadInt64LittleEndian(end.AsSpan(40)),
            BinaryPrimitives.ReadInt64LittleEndian(end.AsSpan(48)));
    }

    /// <summary>Counts the records, stopping one past the limit: a directory longer than its end record says is damaged anyway.</summary>
    private static long Walk(Stream zip, long offset, long size, int maxEntries)
    {
        zip.Position = offset;
        // Not disposed: that would close the archive itself.
        var reader = new BufferedStream(zip, 64 * 1024);
        var record = new byte[RecordSize];
        long read = 0, count = 0;
        while (read < size)
        {
            if (size - read < RecordSize || reader.ReadAtLeast(record, RecordSize, throwOnEndOfStream: false) < RecordSize
                || BinaryPrimitives.ReadUInt32LittleEndian(record) != RecordSignature)
                throw Damaged($"its directory is damaged after {count} entries");
            var variable = BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(28)) + BinaryPrimitives.ReadUInt16LittleEndian(record
                .AsSpan(30)) + BinaryPrimitives.ReadUInt16LittleEndian(record.AsSpan(32));
            read += RecordSize + variable;
            if (read > size)
                throw Damaged($"its directory is damaged after {count} entries");
            reader.Seek(variable, SeekOrigin.Current);
            if (++count > maxEntries)
                throw Damaged($"The archive holds more than {maxEntries} entries; at most {maxEntries} are read.", plain: true);
        }

        return count;
    }

    private static byte[] ReadAt(Stream zip, long at, int length)
    {
        var buffer = new byte[length];
        zip.Position = at;
        zip.ReadExactly(buffer);
        return buffer;
    }

    private static ActivityArchiveException Damaged(string why, bool plain = false) =>
        new(plain ? why : $"The archive is damaged: {why}.");
}
