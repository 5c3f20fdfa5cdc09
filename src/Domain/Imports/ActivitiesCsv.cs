using System.Globalization;
using HipLog.Domain.Runs;
using HipLog.Domain.Wire;

namespace HipLog.Domain.Imports;

/// <summary>One activity as an archive's activities.csv describes it; every field but the file name may be missing.</summary>
public sealed record CsvActivity(string FileName, string? Name, DateTimeOffset? StartedAt, string? Type, int? PerceivedEffort,
    int? MovingSeconds)
{
    /// <summary>Run, Trail Run, Virtual Run, Treadmill (Run)...; a ride or a swim is not a run. No type is taken for a run.</summary>
    public bool IsRun => Type is null || Type.Contains("run", StringComparison.OrdinalIgnoreCase)
        || Type.Contains("treadmill", StringComparison.OrdinalIgnoreCase);

    public Surface? Surface =>
        Type is null ? null
        : Type.Contains("trail", StringComparison.OrdinalIgnoreCase) ? Runs.Surface.Trail
        : Type.Contains("virtual", StringComparison.OrdinalIgnoreCase) || Type.Contains("treadmill", StringComparison.OrdinalIgnoreCase)
            ? Runs.Surface.Treadmill
        : null;

    /// <summary>What this row adds to a file; the runner's own choices for the whole archive come second.</summary>
    public ImportChoices Over(ImportChoices defaults) =>
        new(PerceivedEffort ?? defaults.PerceivedEffort, Surface ?? defaults.Surface, Name ?? defaults.RouteName, StartedAt, MovingSeconds);
}

/// <summary>
/// activities.csv as Strava writes it (and any CSV with the same headers): a header row naming the columns, matched
/// without regard to case: "Filename" (the file's path in the archive, or its name), "Activity Name", "Activity Date"
/// (ISO 8601, or Strava's "Nov 5, 2023, 7:12:34 AM" in UTC), "Activity Type", "Perceived Exertion" (1-10) and
/// "Moving Time" (seconds; "Elapsed Time" when there is none). Other columns are ignored; a row without a file name is
/// passed over, and a value that does not parse is taken as missing rather than failing the import.
/// </summary>
public static class ActivitiesCsv
{
    public const int MaxRows = 100_000;

    private static readonly string[] StravaDates = ["MMM d, yyyy, h:mm:ss tt", "MMM d, yyyy h:mm:ss tt", "yyyy-MM-dd HH:mm:ss"];

    public static IReadOnlyList<CsvActivity> Read(string text)
    {
        using var csv = Csv.Reader(new StringReader(text.TrimStart('\uFEFF')));
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } names)
            return [];
        var header = names.Select(h => h.Trim()).ToList();
        int Column(params string[] options) => header.FindIndex(h => options.Any(n => h.Equals(n, StringComparison.OrdinalIgnoreCase)));
        var (file, name, date, type, effort, moving, elapsed) = (Column("Filename", "File"), Column("Activity Name", "Name"),
            Column("Activity Date", "Date"), Column("Activity Type", "Type"), Column("Perceived Exertion", "Effort"),
            Column("Moving Time"), Column("Elapsed Time"));
        if (file < 0)
            return [];

        string? Cell(int index) => index >= 0 && csv.TryGetField<string>(index, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value.Trim() : null;
        var rows = new List<CsvActivity>();
        for (var read = 0; read < MaxRows && csv.Read(); read++)
        {
            if (Cell(file) is not { } fileName)
                continue;
            rows.Add(new CsvActivity(fileName, ActivityFiles.Text(Cell(name), RunLimits.MaxNameLength), Date(Cell(date)), Cell(type),
                Number(Cell(effort)) is { } e && e == Math.Round(e) && e is >= RunLimits.MinEffort and <= RunLimits.MaxEffort ? (int)e
                    : null,
                Seconds(Cell(moving)) ?? Seconds(Cell(elapsed))));
        }

        return rows;
    }

    /// <summary>The row for an archive entry: by its full path, else by its file name when only one row has it.</summary>
    public static CsvActivity? For(IReadOnlyList<CsvActivity> rows, ArchiveEntry entry)
    {
        var exact = rows.FirstOrDefault(r => r.FileName.TrimStart('/').Equals(entry.Name, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
            return exact;
        var byName = rows.Where(r
            => r.FileName[(r.FileName.LastIndexOf('/') + 1)..].Equals(entry.FileName, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
        return byName.Count == 1 ? byName[0] : null;
    }

    private static DateTimeOffset? Date(string? text) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var iso) && text.Contains('-')
            ? iso
        : DateTimeOffset.TryParseExact(text, StravaDates, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var strava)
            ? strava
        : null;

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n) ? n : null;

    private static int? Seconds(string? text) => Number(text) is { } s && s is > 0 and < RunLimits.MaxDurationSeconds ? (int)Math.Round(s)
        : null;
}
