using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace HipLog.Tests.Support;

/// <summary>ZIPs broken on purpose, the way a hostile or a truncated upload would be.</summary>
public static class DamagedZips
{
    /// <summary>A copy of the archive whose end record counts <paramref name="entries"/> entries, whatever its directory holds.</summary>
    public static byte[] Counting(byte[] zip, int entries)
    {
        var copy = (byte[])zip.Clone();
        var end = EndOf(copy);
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(end + 8), (ushort)entries);
        BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(end + 10), (ushort)entries);
        return copy;
    }

    /// <summary>A copy whose directory starts with a record that is not one (its signature overwritten).</summary>
    public static byte[] WithBrokenDirectory(byte[] zip)
    {
        var copy = (byte[])zip.Clone();
        var directory = (int)BinaryPrimitives.ReadUInt32LittleEndian(copy.AsSpan(EndOf(copy) + 16));
        copy[directory] = 0;
        return copy;
    }

    /// <summary>An archive of many empty entries: a small upload whose directory alone would cost hundreds of objects per KB.</summary>
    public static byte[] OfEmptyEntries(int count)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            for (var i = 0; i < count; i++)
                zip.CreateEntry($"e{i}", CompressionLevel.NoCompression);
        return output.ToArray();
    }

    /// <summary>
    /// A GPX file of one point repeated, gzipped: a few KB that inflate to megabytes, the shape of the 411:1 archive that
    /// once made the Worker allocate gigabytes.
    /// </summary>
    public static byte[] GzipBomb(int points)
    {
        var gpx = new StringBuilder(Tracks.GpxHead + "<trk><trkseg>");
        for (var i = 0; i < points; i++)
            gpx.Append("<trkpt lat=\"51\" lon=\"0\"><ele>10</ele><time>2026-10-01T05:30:00Z</time></trkpt>");
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes(gpx.Append("</trkseg></trk></gpx>").ToString()));
        return output.ToArray();
    }

    private static int EndOf(byte[] zip)
    {
        for (var at = zip.Length - 22; at >= 0; at--)
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(at)) == 0x06054b50)
                return at;
        throw new ArgumentException("No end record.", nameof(zip));
    }
}
