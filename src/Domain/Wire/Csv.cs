using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace HipLog.Domain.Wire;

/// <summary>
/// CSV as HipLog writes and reads it, with CsvHelper: RFC 4180, a field quoted only when it holds a comma, a quote or a
/// line break, so a runner's notes ("tight, then \"sharp\"\non the stairs") stay one field. Numbers and times are written
/// culture-free, as the JSON answers write them.
/// </summary>
public static class Csv
{
    /// <summary>RFC 4180's record separator; the export uses it (the pain trend keeps the bare LF it always answered).</summary>
    public const string RecordEnd = "\r\n";

    public static CsvWriter Writer(TextWriter text, string newLine = RecordEnd)
        => new(text, new CsvConfiguration(CultureInfo.InvariantCulture)
    {
        NewLine = newLine,
        ShouldQuote = args => args.Field is { } field && field.AsSpan().IndexOfAny(",\"\r\n") >= 0,
    });

    /// <summary>A reader that takes what it can: a missing column or a malformed quote is a missing value, never a failed file.</summary>
    public static CsvReader Reader(TextReader text) => new(text, new CsvConfiguration(CultureInfo.InvariantCulture)
    {
        MissingFieldFound = null,
        BadDataFound = null,
        HeaderValidated = null,
        DetectColumnCountChanges = false,
    });

    /// <summary>One record of fields.</summary>
    public static void WriteFields(this CsvWriter csv, params ReadOnlySpan<string?> fields)
    {
        foreach (var field in fields)
            csv.WriteField(field ?? "");
        csv.NextRecord();
    }

    public static string Number(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>A time as the JSON answers write it: ISO 8601 with the offset it carries.</summary>
    public static string Time(DateTimeOffset? value) => value?.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)
        ?? "";

    public static string Flag(bool value) => value ? "true" : "false";
}
