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

    /// <summary>One record of fields, each <see cref="Neutralised"/>.</summary>
    public static void WriteFields(this CsvWriter csv, params ReadOnlySpan<string?> fields)
    {
        foreach (var field in fields)
            csv.WriteField(Neutralised(field ?? ""));
        csv.NextRecord();
    }

    /// <summary>
    /// A field a spreadsheet would run as a formula (OWASP's CSV injection: a cell starting with =, +, -, @, tab or
    /// carriage return) gets a leading apostrophe, so it is shown as the text it is. Notes, shoes and route names are
    /// typed by runners or come from third-party files. A plain number such as -12.5 is left as it is: it is no formula.
    /// </summary>
    public static string Neutralised(string field) =>
        field.Length == 0 || field[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r') || IsSignedNumber(field) ? field : "'" + field;

    private static bool IsSignedNumber(string field) =>
        field[0] is '+' or '-' && double.TryParse(field, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint
            | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _);

    public static string Number(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>A time as the JSON answers write it: ISO 8601 with the offset it carries.</summary>
    public static string Time(DateTimeOffset? value) => value?.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)
        ?? "";

    public static string Flag(bool value) => value ? "true" : "false";
}
