using System.Globalization;
using System.Text;

namespace HipLog.Api.Http;

/// <summary>
/// CSV records as RFC 4180 writes them: a field holding a comma, a quote or a line break is quoted and its quotes
/// doubled, so a runner's notes ("tight, then \"sharp\"\non the stairs") stay one field. The one writer for every
/// CSV HipLog answers (the pain trend, the export).
/// </summary>
public static class Csv
{
    /// <summary>RFC 4180's record separator; the export uses it (the pain trend keeps the bare LF it always answered).</summary>
    public const string RecordEnd = "\r\n";

    public static string Line(params ReadOnlySpan<string?> fields)
    {
        var line = new StringBuilder();
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
                line.Append(',');
            AppendField(line, fields[i]);
        }

        return line.ToString();
    }

    public static string Number(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    public static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>A time as the JSON answers write it: ISO 8601 with the offset it carries.</summary>
    public static string Time(DateTimeOffset? value) => value?.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture) ?? "";

    public static string Flag(bool value) => value ? "true" : "false";

    private static void AppendField(StringBuilder line, string? field)
    {
        if (string.IsNullOrEmpty(field))
            return;
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(field);
            return;
        }

        line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
