using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;

namespace HipLog.ServiceDefaults;

/// <summary>
/// Who may see the operator's pages (the Worker's jobs dashboard, each host's /metrics): loopback callers only, unless the
/// operator configured a username and password hash under Jobs:Dashboard; then HTTP Basic credentials, checked with
/// ASP.NET Core Identity's hasher. Basic sends the password in the clear, so a deployment that opens these pages beyond
/// loopback must put TLS in front of them.
/// </summary>
public sealed class OperatorAccess(string? username, string? passwordHash)
{
    public const string Section = "Jobs:Dashboard";
    private static readonly PasswordHasher<string> Hasher = new();

    public bool HasCredentials => !string.IsNullOrEmpty(username) && !string.IsNullOrEmpty(passwordHash);

    /// <summary>The same credentials for every operator page, whichever host serves it.</summary>
    public static OperatorAccess From(IConfiguration configuration) =>
        new(configuration[$"{Section}:Username"], configuration[$"{Section}:PasswordHash"]);

    /// <summary>On a refusal the answer asks for credentials (WWW-Authenticate) when some are configured.</summary>
    public bool Allows(HttpContext http, string realm)
    {
        if (!HasCredentials)
            return http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);

        if (TryReadBasic(http.Request.Headers.Authorization.ToString(), out var user, out var password)
            && string.Equals(user, username, StringComparison.Ordinal)
            && Hasher.VerifyHashedPassword(user, passwordHash!, password) != PasswordVerificationResult.Failed)
            return true;

        http.Response.Headers.WWWAuthenticate = $"Basic realm=\"{realm}\", charset=\"UTF-8\"";
        return false;
    }

    private static bool TryReadBasic(string header, out string user, out string password)
    {
        user = password = "";
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return false;
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = pair.IndexOf(':');
            if (colon <= 0)
                return false;
            (user, password) = (pair[..colon], pair[(colon + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
