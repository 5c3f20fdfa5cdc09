namespace HipLog.Domain.Runners;

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
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':' or '@' or '|');
}
