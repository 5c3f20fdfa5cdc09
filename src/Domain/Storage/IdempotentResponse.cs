namespace HipLog.Domain.Storage;

/// <summary>
/// The first answer to a write sent with an Idempotency-Key, stored in the same transaction as the
/// write's events, so a retry is answered from here and appends nothing.
/// </summary>
public sealed record IdempotentResponse(
    string Id,
    string RunnerId,
    string RequestHash,
    int Status,
    string? Location,
    string? ContentType,
    string Body,
    DateTimeOffset RecordedAt)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(48);

    public static string IdFor(string runnerId, string key) => $"{runnerId}/{key}";
}
