using System.Text.Json;

namespace HipLog.Api.Infrastructure;

/// <summary>Enum values as the wire shows them (front-hip, after-run), for CSV and HTML.</summary>
public static class Kebab
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
