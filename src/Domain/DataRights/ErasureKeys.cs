using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace HipLog.Domain.DataRights;

/// <summary>
/// The key an erasure is kept under, so that the runner can ask where it stands without HipLog keeping their id. It is
/// an HMAC with a secret of the server's ("DataRights:ErasureSecret"), not a bare hash: ids may be e-mail addresses,
/// and anyone holding a copy of the database could hash a list of addresses and learn who was a HipLog runner. Both
/// hosts hold the secret (the Worker's pain watch matches an erasure to the runners it remembers by key).
/// </summary>
public sealed class ErasureKeys
{
    public const string Setting = "DataRights:ErasureSecret";
    public const int MinSecretLength = 32;

    /// <summary>Keys made before the HMAC: a bare SHA-256, without this prefix. <see cref="Rekey"/> turns one into today's.</summary>
    public const string Prefix = "hmac-";

    private const string DevelopmentSecret = "hiplog-development-erasure-secret-not-for-real-data";
    private readonly byte[] secret;

    public ErasureKeys(string secret)
    {
        if (secret.Length < MinSecretLength)
            throw new ArgumentException($"The erasure secret must be at least {MinSecretLength} characters.", nameof(secret));
        this.secret = Encoding.UTF8.GetBytes(secret);
    }

    /// <summary>
    /// The HMAC of the id's SHA-256 rather than of the id itself: so an erasure recorded under the bare hash can be
    /// moved to its HMAC key without the runner id, which a finished erasure no longer holds.
    /// </summary>
    public string For(string runnerId) => Rekey(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(runnerId))));

    public string Rekey(string bareHash) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(bareHash)));

    /// <summary>The configured secret; Development has one of its own, which no other environment accepts.</summary>
    /// <exception cref="InvalidOperationException">Outside Development, the secret is missing, too short or Development's.</exception>
    public static ErasureKeys From(IConfiguration configuration, bool development)
    {
        var configured = configuration[Setting];
        if (development && string.IsNullOrEmpty(configured))
            return new ErasureKeys(DevelopmentSecret);
        if (configured is null || configured.Length < MinSecretLength || (!development && configured == DevelopmentSecret))
            throw new InvalidOperationException(
                $"{Setting} must be a secret of at least {MinSecretLength} characters of this deployment's own (environment " +
                "variable DataRights__ErasureSecret, the same for the Api and the Worker; ./run.sh makes one into " +
                ".local/erasure-secret): erasure records are keyed with it.");
        return new ErasureKeys(configured);
    }
}
