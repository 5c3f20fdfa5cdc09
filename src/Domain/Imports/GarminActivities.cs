using System.IO.Compression;
using System.Text.Json;
using HipLog.Domain.Runs;

namespace HipLog.Domain.Imports;

/// <summary>
/// Garmin Connect's own list of a runner's activities in its export (DI_CONNECT/DI-Connect-Fitness/
/// *_summarizedActivities.json): HipLog reads each activity's name and its start (startTimeGmt, milliseconds since
/// 1970), to name the runs its FIT files make, since a FIT file names none.
/// </summary>
public static class GarminActivities
{
    public const string Folder = "DI_CONNECT/DI-Connect-Fitness/";
    public const string Suffix = "summarizedActivities.json";

    /// <summary>Names by start second; empty when the export has no such file or it cannot be read (the runs are still made).</summary>
    public static IReadOnlyDictionary<long, string> Read(ZipArchive zip)
    {
        var names = new Dictionary<long, string>();
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith(Folder, StringComparison.Ordinal)
                                                     && e.FullName.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase)))
        {
            try
            {
                using var json = ActivityArchive.Read(zip, entry.FullName, gzipped: false);
                using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
                Collect(document.RootElement, names);
            }
            catch (Exception e) when (e is JsonException or ActivityFileException)
            {
                // A list that cannot be read names nothing; the files still say what they hold.
            }
        }

        return names;
    }

    /// <summary>The name of the activity that started in that second (or one either side: Garmin keeps milliseconds).</summary>
    public static string? NameAt(IReadOnlyDictionary<long, string> names, DateTimeOffset start)
    {
        var second = start.ToUnixTimeSeconds();
        return names.GetValueOrDefault(second) ?? names.GetValueOrDefault(second - 1) ?? names.GetValueOrDefault(second + 1);
    }

    /// <summary>The file is [{ "summarizedActivitiesExport": [ { "name", "startTimeGmt", ... }, ... ] }].</summary>
    private static void Collect(JsonElement root, Dictionary<long, string> names)
    {
        var exports = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
        foreach (var export in exports)
        {
            if (export.ValueKind != JsonValueKind.Object
                || !export.TryGetProperty("summarizedActivitiesExport", out var list) || list.ValueKind != JsonValueKind.Array)
                continue;
            foreach (var activity in list.EnumerateArray())
                if (activity.ValueKind == JsonValueKind.Object
                    && activity.TryGetProperty("startTimeGmt", out var start) && start.TryGetDouble(out var ms)
                    && double.IsFinite(ms) && Math.Abs(ms) < 1e14
                    && activity.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                    && ActivityFiles.Text(name.GetString(), RunLimits.MaxNameLength) is { } text)
                    names.TryAdd((long)Math.Round(ms / 1000), text);
        }
    }
}
