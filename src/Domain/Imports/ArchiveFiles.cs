using System.IO.Compression;
using HipLog.Domain.Storage;

namespace HipLog.Domain.Imports;

/// <summary>
/// The files of an archive, read one at a time, including those in a ZIP inside it (Garmin Connect's export holds its
/// FIT files in DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_*.zip). An inner ZIP is unpacked to a temporary
/// file, never into memory, and kept open while its files are read in order; one level deep, no more.
/// </summary>
public sealed class ArchiveFiles(ZipArchive outer) : IDisposable
{
    private InnerZip? _inner;

    public ZipArchive Outer => outer;

    /// <summary>An entry's bytes, uncompressed, as <see cref="ActivityArchive.Read(ZipArchive, ArchiveEntry)"/> reads them.</summary>
    /// <exception cref="ActivityFileException">The entry, or the ZIP it is in, cannot be read within the limits.</exception>
    public MemoryStream Read(ArchiveEntry entry)
    {
        if (entry.Inside is null)
            return ActivityArchive.Read(outer, entry.Name, entry.Gzipped);
        if (_inner?.Name != entry.Inside)
        {
            _inner?.Dispose();
            _inner = null;
            try
            {
                _inner = InnerZip.Open(outer, entry.Inside);
            }
            catch (ActivityArchiveException e)
            {
                throw new ActivityFileException(e.Message);
            }
        }

        return ActivityArchive.Read(_inner.Zip, entry.Name, entry.Gzipped);
    }

    public void Dispose() => _inner?.Dispose();
}

/// <summary>A ZIP inside the archive, unpacked to a temporary file that is deleted when it is disposed.</summary>
public sealed class InnerZip : IDisposable
{
    private readonly FileStream _file;

    private InnerZip(string name, FileStream file, ZipArchive zip) => (Name, _file, Zip) = (name, file, zip);

    public string Name { get; }

    public ZipArchive Zip { get; }

    public static bool IsOne(string fullName) => fullName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

    /// <exception cref="ActivityArchiveException">The inner ZIP is too large, unpacks like a bomb, or is damaged.</exception>
    public static InnerZip Open(ZipArchive outer, string name)
    {
        var entry = outer.GetEntry(name) ?? throw new ActivityArchiveException($"'{name}' is missing from the archive.");
        if (entry.Length > ActivityArchive.MaxArchiveBytes)
            throw new ActivityArchiveException($"'{name}' is over {ActivityArchive.MaxArchiveBytes / (1024 * 1024)} MB.");
        var file = TemporaryFiles.Create();
        try
        {
            using (var source = entry.Open())
                Copy(source, file, name, Math.Max(1024 * 1024, ActivityArchive.MaxCompressionRatio * Math.Max(1, entry.CompressedLength)));
            file.Position = 0;
            return new InnerZip(name, file, ActivityArchive.Open(file));
        }
        catch (Exception e) when (e is InvalidDataException or ActivityArchiveException)
        {
            file.Dispose();
            throw e as ActivityArchiveException ?? new ActivityArchiveException($"'{name}' cannot be uncompressed: {e.Message}");
        }
    }

    /// <summary>Copies what the entry inflates to, stopping at the archive's limit or a bomb's ratio, whatever its header said.</summary>
    private static void Copy(Stream source, Stream target, string name, long bomb)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            total += read;
            if (total > ActivityArchive.MaxArchiveBytes)
                throw new ActivityArchiveException($"'{name}' is over {ActivityArchive.MaxArchiveBytes / (1024 * 1024)} MB.");
            if (total > bomb)
                throw new ActivityArchiveException($"'{name}' is compressed more than {ActivityArchive.MaxCompressionRatio} to 1: the " +
                    "archive looks like a zip bomb.");
            target.Write(buffer, 0, read);
        }
    }

    public void Dispose()
    {
        Zip.Dispose();
        _file.Dispose();
    }
}
