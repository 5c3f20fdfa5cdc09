using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace HipLog.Domain.CalendarFeeds;

/// <summary>
/// A runner's calendar feed. Keyed by the runner, so a runner has one feed at most and storing a new one rotates it;
/// the secret itself is never stored, only its hash, which the feed's address is looked up by.
/// </summary>
/// <param name="Id">The runner id.</param>
/// <param name="SecretHash">See <see cref="CalendarFeedSecret.HashOf"/>.</param>
public sealed record CalendarFeed(string Id, string SecretHash, DateTimeOffset CreatedAt);

/// <summary>The credential in a feed's address: 256 random bits, written as 43 URL-safe base64 characters.</summary>
public static class CalendarFeedSecret
{
    private const int Bytes = 32;

    /// <summary>Base64url without padding: 4 characters for every 3 bytes, rounded up.</summary>
    public const int Length = (Bytes * 4 + 2) / 3;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(Bytes));

    /// <summary>
    /// Only what <see cref="New"/> could have made is looked up: anything else is refused before it reaches the database.
    /// </summary>
    public static bool IsWellFormed(string? secret) =>
        secret is { Length: Length } && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>
    /// SHA-256, hex. A secret of 256 random bits cannot be guessed from its hash, so it needs no salt or slow hash;
    /// an unsalted hash is what lets the address be found with one indexed lookup.
    /// </summary>
    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));
}
