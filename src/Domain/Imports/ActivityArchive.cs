using System.IO.Compression;

namespace HipLog.Domain.Imports;

/// <summary>An activity file inside an archive, by its full name there, or in the ZIP inside it named by Inside.</summary>
public sealed record ArchiveEntry(string Name, ActivityFormat Format, bool Gzipped, string? Inside = null)
{
    public string FileName => Name[(Name.LastIndexOf('/') + 1)..];

    /// <summary>How the runner finds the file: its name, after the inner ZIP's when it is in one.</summary>
    public string Path => Inside is null ? Name : $"{Inside}/{Name}";
}

/// <summary>An archive HipLog refuses as a whole; the message says why.</summary>
public sealed class ActivityArchiveException(string message) : Exception(message);

/// <summary>
/// A ZIP export of a watch platform: a folder of .gpx/.tcx/.fit files (gzipped or not), other files ignored, and optionally
/// an activities.csv. It is checked from its central directory before it is stored, and every entry is read again
/// through a bounded stream, because the sizes a ZIP declares can lie.
/// </summary>
public static class ActivityArchive
{
    public const string ContentType = "application/zip";
    public const long MaxArchiveBytes = 256L * 1024 * 1024;
    public const int MaxEntries = 20_000;
    public const int MaxActivities = 10_000;
    public const long MaxTotalBytes = 4L * 1024 * 1024 * 1024;

    /// <summary>Deflate squeezes GPX/TCX about ten to one; a bomb squeezes a thousand to one.</summary>
    public const int MaxCompressionRatio = 100;

    public const int MaxNameLength = 512;
    public const string CsvName = "activities.csv";

    /// <summary>The activity files in the order they are imported (by name, ordinal), which a resumed job repeats.</summary>
    /// <exception cref="ActivityArchiveException">Not a ZIP, or one that breaks a limit or names an entry with a hostile name.</exception>
    public static IReadOnlyList<ArchiveEntry> Check(ZipArchive zip)
    {
        var (entries, total) = (0, 0L);
        var activities = new List<ArchiveEntry>();
        Walk(zip, null, activities, ref entries, ref total);
        foreach (var name in zip.Entries.Select(e => e.FullName).Where(n => InnerZip.IsOne(n) && !IsResourceFork(n)).ToList())
        {
            // One level only: a ZIP in an inner ZIP is passed over, as any file that is not an activity.
            using var inner = InnerZip.Open(zip, name);
            Walk(inner.Zip, name, activities, ref entries, ref total);
        }

        if (activities.Count > MaxActivities)
            throw new ActivityArchiveException($"The archive holds {activities.Count} activity files; at most {MaxActivities} are " +
                $"imported at once.");
        if (activities.Count == 0)
            throw new ActivityArchiveException("The archive holds no .gpx, .tcx or .fit files (gzipped or not), nor a ZIP of them.");
        activities.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return activities;
    }

    /// <summary>One ZIP's entries, counted with those already walked against the archive's limits, as if all were in one.</summary>
    private static void Walk(ZipArchive zip, string? inside, List<ArchiveEntry> activities, ref int entries, ref long total)
    {
        entries += zip.Entries.Count;
        if (entries > MaxEntries)
            throw new ActivityArchiveException($"The archive holds more than {MaxEntries} entries; at most {MaxEntries} are read.");
        foreach (var entry in zip.Entries)
        {
            var path = inside is null ? entry.FullName : $"{inside}/{entry.FullName}";
            if (HostileName(entry.FullName) is { } why)
                throw new ActivityArchiveException($"The archive holds an entry whose name {why}; HipLog refuses it.");
            if (Kind(entry.FullName) is not { } kind)
                continue;
            if (entry.Length > ActivityFiles.MaxFileBytes)
                throw new ActivityArchiveException($"'{path}' is over {ActivityFiles.MaxFileBytes / (1024 * 1024)} MB.");
            if (entry.Length > 1024 * 1024 && entry.Length > (long)MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                throw new ActivityArchiveException($"'{path}' is compressed more than {MaxCompressionRatio} to 1: the archive " +
                    $"looks like a zip bomb.");
            total += entry.Length;
            if (total > MaxTotalBytes)
                throw new ActivityArchiveException($"The archive holds more than {MaxTotalBytes / (1024 * 1024 * 1024)} GB of files.");
            activities.Add(new ArchiveEntry(entry.FullName, kind.Format, kind.Gzipped, inside));
        }
    }

    /// <summary>The archive, its directory checked first (<see cref="ZipDirectory"/>), from a seekable stream left open.</summary>
    /// <exception cref="ActivityArchiveException">The body is not a ZIP archive, or its directory is damaged or too long.</exception>
    public static ZipArchive Open(Stream content)
    {
        ZipDirectory.Check(content, MaxEntries);
        content.Position = 0;
        try
        {
            return new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new ActivityArchiveException($"The archive is damaged: {e.Message}");
        }
    }

    /// <summary>The shallowest activities.csv, if there is one.</summary>
    public static ZipArchiveEntry? Csv(ZipArchive zip) => zip.Entries
        .Where(e => e.Name.Equals(CsvName, StringComparison.OrdinalIgnoreCase) && HostileName(e.FullName) is null)
        .OrderBy(e => e.FullName.Count(c => c == '/')).FirstOrDefault();

    /// <summary>
    /// An entry's bytes, uncompressed (and un-gzipped), never more than a single file may hold. The limits count what is
    /// inflated, as it is read: a gzipped entry is judged on what it unpacks to, not on the size the archive records.
    /// </summary>
    /// <exception cref="ActivityFileException">The entry is larger than it said, larger than allowed, or not readable.</exception>
    public static MemoryStream Read(ZipArchive zip, ArchiveEntry entry) => Read(zip, entry.Name, entry.Gzipped);

    /// <inheritdoc cref="Read(ZipArchive, ArchiveEntry)"/>
    public static MemoryStream Read(ZipArchive zip, string name, bool gzipped)
    {
        var found = zip.GetEntry(name) ?? throw new ActivityFileException("The file is missing from the archive.");
        try
        {
            using var raw = found.Open();
            if (!gzipped)
                return ReadBounded(raw, Math.Min(found.Length, ActivityFiles.MaxFileBytes), found.CompressedLength, found.Length);
            using var gunzip = new GZipStream(raw, CompressionMode.Decompress);
            return ReadBounded(gunzip, ActivityFiles.MaxFileBytes, found.CompressedLength, 0);
        }
        catch (InvalidDataException e)
        {
            throw new ActivityFileException($"The file cannot be uncompressed: {e.Message}");
        }
    }

    private static MemoryStream ReadBounded(Stream source, long max, long compressed, long declared)
    {
        var output = new MemoryStream((int)Math.Min(declared, max));
        var buffer = new byte[81920];
        var bomb = Math.Max(1024 * 1024, MaxCompressionRatio * Math.Max(1, compressed));
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            if (output.Length + read > max)
                throw new ActivityFileException($"The file is larger than it says or than {ActivityFiles.MaxFileBytes / (1024 * 1024)} " +
                    $"MB.");
            if (output.Length + read > bomb)
                throw new ActivityFileException($"The file is compressed more than {MaxCompressionRatio} to 1: it looks like a zip bomb, " +
                    "and is not read.");
            output.Write(buffer, 0, read);
        }

        output.Position = 0;
        return output;
    }

    private sealed record EntryKind(ActivityFormat Format, bool Gzipped);

    /// <summary>Finder's resource forks (__MACOSX/._run.gpx) look like activity files but are not.</summary>
    private static bool IsResourceFork(string fullName) =>
        fullName[(fullName.LastIndexOf('/') + 1)..].StartsWith('.') || fullName.StartsWith("__MACOSX/", StringComparison.Ordinal);

    /// <summary>Activity files by their ending; anything else is passed over.</summary>
    private static EntryKind? Kind(string fullName)
    {
        var name = fullName[(fullName.LastIndexOf('/') + 1)..].ToLowerInvariant();
        if (IsResourceFork(fullName))
            return null;
        var gzipped = name.EndsWith(".gz", StringComparison.Ordinal);
        var bare = gzipped ? name[..^3] : name;
        return Path.GetExtension(bare) switch
        {
            ".gpx" => new EntryKind(ActivityFormat.Gpx, gzipped),
            ".tcx" => new EntryKind(ActivityFormat.Tcx, gzipped),
            ".fit" => new EntryKind(ActivityFormat.Fit, gzipped),
            _ => null,
        };
    }

    /// <summary>Why a name is refused, or null. HipLog writes nothing to disk, but a name that climbs out of its folder is no
    /// export.</summary>
    private static string? HostileName(string name) =>
        name.Length > MaxNameLength ? $"is longer than {MaxNameLength} characters"
        : name.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
            ? "holds control or direction-changing characters"
        : name.StartsWith('/') || name.Contains('\\') || name.Contains(':') ? "is an absolute path or uses '\\' or ':'"
        : name.Split('/').Any(part => part == "..") ? "climbs out of the archive with '..'"
        : null;
}
