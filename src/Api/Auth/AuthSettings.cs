using System.Text;
using HipLog.Domain.Profiles;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace HipLog.Api.Auth;

/// <summary>
/// "Auth" section. Production names an OpenID Connect <see cref="Authority"/>; a self-hosted install
/// signs its own tokens with <see cref="SigningKey"/> (HMAC-SHA256, at least 32 bytes).
/// </summary>
public sealed class AuthSettings
{
    public const string Section = "Auth";
    public const int MinKeyBytes = 32;
    public const string ReportLinkAudience = "hiplog-report-link";
    public static readonly TimeSpan ReportLinkLifetime = TimeSpan.FromMinutes(15);

    public string Issuer { get; set; } = "hiplog-local";
    public string Audience { get; set; } = "hiplog-api";
    public string? Authority { get; set; }
    public string? SigningKey { get; set; }
    public double TokenLifetimeHours { get; set; } = 24;

    /// <summary>The claim that says a token is a clinician's (value <see cref="ClinicianRole"/>); a runner's token has none.</summary>
    public string RoleClaim { get; set; } = "hiplog_role";

    public const string ClinicianRole = "clinician";

    /// <summary>
    /// Keys written down in HipLog's repository (the Development key, and the one docker-compose.yml once fell back
    /// to): anyone who has read the repository could mint a token for any runner with them.
    /// </summary>
    private static readonly string[] PublishedKeys =
        ["hiplog-development-signing-key-change-me-0123456789", "compose-local-signing-key-change-me-0123456789"];

    /// <summary>Whether the key is one the repository publishes, or still says to change it.</summary>
    public bool HasPublishedKey => SigningKey is { } key
        && (PublishedKeys.Contains(key, StringComparer.Ordinal) || key.Contains("change-me", StringComparison.OrdinalIgnoreCase));

    public bool HasSigningKey => Encoding.UTF8.GetByteCount(SigningKey ?? "") >= MinKeyBytes;

    public SymmetricSecurityKey RequireSigningKey()
    {
        var bytes = Encoding.UTF8.GetBytes(SigningKey ?? "");
        if (bytes.Length < MinKeyBytes)
            throw new InvalidOperationException(
                $"Auth:SigningKey must be set to at least {MinKeyBytes} bytes (environment variable Auth__SigningKey), " +
                "or Auth:Authority must name an OpenID Connect authority.");
        return new SymmetricSecurityKey(bytes);
    }

    public string MintToken(string runnerId, DateTimeOffset now) => Mint(runnerId, Audience, now, TimeSpan.FromHours(TokenLifetimeHours));

    /// <summary>A clinician's token: the subject is the clinician id, and the role claim says clinician.</summary>
    public string MintClinicianToken(string clinicianId, DateTimeOffset now) =>
        Mint(clinicianId, Audience, now, TimeSpan.FromHours(TokenLifetimeHours), (RoleClaim, ClinicianRole));

    /// <summary>A token that opens one runner's report pages for 15 minutes, and nothing else.</summary>
    public string MintReportLink(string runnerId, DateTimeOffset now) => Mint(runnerId, ReportLinkAudience, now, ReportLinkLifetime);

    private string Mint(string runnerId, string audience, DateTimeOffset now, TimeSpan lifetime, (string Name, string Value)? role = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = runnerId };
        if (role is { } r)
            claims[r.Name] = r.Value;
        if (!RunnerId.IsValid(runnerId))
            throw new ArgumentException($"'{runnerId}' is not a runner id: use {RunnerId.Rule}.", nameof(runnerId));

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(RequireSigningKey(), SecurityAlgorithms.HmacSha256),
        });
    }
}
