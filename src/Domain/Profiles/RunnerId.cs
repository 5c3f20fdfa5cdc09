namespace HipLog.Domain.Profiles;

/// <summary>
/// A runner id is the subject of the runner's token and the key of their training-log stream.
/// Identity providers issue subjects such as "auth0|5f…" or GUIDs, so it stays a string,
/// limited to characters that are safe in a URL path segment.
/// </summary>
public static class RunnerId
{
    public const int MaxLength = 128;

    public static bool IsValid(string? value) =>
        !string.IsNullOrEmpty(value)
        && value.Length <= MaxLength
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '@' or '|')
        && !IsRoundOneRecommendation(value);

    public const string Rule = "1 to 128 characters of letters, digits and - _ . : @ |";

    /// <summary>Round 1 named recommendation streams "rec-" and 32 hex digits; such a runner id would write into one.</summary>
    private static bool IsRoundOneRecommendation(string value) =>
        value.Length == 36 && value.StartsWith("rec-", StringComparison.Ordinal) && value[4..].All(char.IsAsciiHexDigitLower);
}
