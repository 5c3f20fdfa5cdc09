using System.Security.Cryptography;
using System.Text;

namespace HipLog.Domain.Sharing;

/// <summary>
/// The one-time code a runner gives their clinician: 8 characters of Crockford's base32 (digits and capitals without I, L,
/// O and U), so 40 bits. A clinician who types O for 0 or I or L for 1, in any case, with spaces or dashes, still gets
/// in. Only the SHA-256 of the code as normalised is stored.
/// </summary>
public static class ShareCodes
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    public const int Length = 8;
    public static readonly TimeSpan ValidFor = TimeSpan.FromHours(48);

    public static string New() => string.Create(Length, 0, (chars, _) =>
    {
        for (var i = 0; i < chars.Length; i++)
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
    });

    /// <summary>The code as typed, read as the alphabet's own; null when it cannot be a code at all.</summary>
    public static string? Normalise(string? typed)
    {
        if (typed is null || typed.Length > 64)
            return null;
        var code = new StringBuilder(Length);
        foreach (var c in typed.ToUpperInvariant())
        {
            var read = c switch { 'O' => '0', 'I' or 'L' => '1', ' ' or '-' => '\0', _ => c };
            if (read == '\0')
                continue;
            if (!Alphabet.Contains(read))
                return null;
            code.Append(read);
        }

        return code.Length == Length ? code.ToString() : null;
    }

    public static string Hash(string normalised) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(normalised)));

    /// <summary>How a code is shown: two groups of four, easier to read out.</summary>
    public static string Display(string code) => $"{code[..4]}-{code[4..]}";
}
