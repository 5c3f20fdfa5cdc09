using System.Text.Json;

namespace HipLog.Domain.Wire;

/// <summary>Names as the wire shows them (front-hip, after-run, run-logged), for CSV, HTML and summaries.</summary>
public static class Kebab
{
    public static string Of<T>(T value) where T : struct, Enum => Of(value.ToString());

    public static string Of(string pascalCase) => JsonNamingPolicy.KebabCaseLower.ConvertName(pascalCase);
}
