using System.Net;
using System.Text;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Identity;

namespace HipLog.Worker.Jobs;

/// <summary>
/// Loopback callers only, unless the operator configured a username and password hash: then HTTP Basic
/// credentials, checked with ASP.NET Core Identity's hasher. Basic sends the password in the clear,
/// so a deployment that opens the dashboard beyond loopback must put TLS in front of it.
/// </summary>
public sealed class DashboardAccess(DashboardSettings settings) : IDashboardAuthorizationFilter
{
    private const string Realm = "Basic realm=\"HipLog jobs\", charset=\"UTF-8\"";
    private static readonly PasswordHasher<string> Hasher = new();

    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (!settings.HasCredentials)
            return http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);

        if (TryReadBasic(http.Request.Headers.Authorization.ToString(), out var user, out var password)
            && string.Equals(user, settings.Username, StringComparison.Ordinal)
            && Hasher.VerifyHashedPassword(user, settings.PasswordHash!, password) != PasswordVerificationResult.Failed)
            return true;

        http.Response.Headers.WWWAuthenticate = Realm;
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
