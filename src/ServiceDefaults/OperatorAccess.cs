using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace HipLog.ServiceDefaults;

/// <summary>What <see cref="OperatorAccess"/> made of a request for an operator page.</summary>
public enum OperatorVerdict { Allowed, NeedsCredentials, Forbidden, TooManyFailures }

/// <summary>
/// Who may see the operator's pages (the Worker's jobs dashboard, each host's /metrics). With a username and password
/// hash under Jobs:Dashboard: HTTP Basic credentials, checked in the same time whether the name or the password is wrong,
/// and at most <see cref="MaxFailures"/> failures a minute per client before every attempt is refused. Without them:
/// loopback callers only, and only when Jobs:Dashboard:AllowLoopback is on (the default outside Production), no proxy is
/// configured and the request carries no forwarding header: behind a reverse proxy on the same host, every request
/// comes from loopback. Basic sends the password in the clear, so these pages beyond loopback need TLS in front.
/// </summary>
public sealed class OperatorAccess(string? username, string? passwordHash, bool allowLoopback = true, bool behindProxy = false,
    TimeProvider? clock = null)
{
    public const string Section = "Jobs:Dashboard";
    public const int MaxFailures = 10;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private static readonly PasswordHasher<string> Hasher = new();
    private readonly ConcurrentDictionary<string, (DateTimeOffset Since, int Count)> failures = new();
    private readonly TimeProvider time = clock ?? TimeProvider.System;

    public bool HasCredentials => !string.IsNullOrEmpty(username) && !string.IsNullOrEmpty(passwordHash);

    /// <summary>The same rule for every operator page, whichever host serves it.</summary>
    public static OperatorAccess From(IConfiguration configuration, IHostEnvironment environment) =>
        new(configuration[$"{Section}:Username"], configuration[$"{Section}:PasswordHash"],
            configuration.GetValue<bool?>($"{Section}:AllowLoopback") ?? !environment.IsProduction(),
            configuration.GetSection(ProxySettings.Section).Get<ProxySettings>()?.Any == true);

    public bool Allows(HttpContext http, string realm) => Judge(http, realm) == OperatorVerdict.Allowed;

    /// <summary>On a refusal for want of credentials the answer asks for them (WWW-Authenticate).</summary>
    public OperatorVerdict Judge(HttpContext http, string realm)
    {
        if (!HasCredentials)
            return allowLoopback && !behindProxy && !Proxies.CameThroughAProxy(http.Request)
                && http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
                    ? OperatorVerdict.Allowed
                    : OperatorVerdict.Forbidden;

        var client = ClientNetworks.Of(http.Connection.RemoteIpAddress);
        if (FailuresOf(client) >= MaxFailures)
            return OperatorVerdict.TooManyFailures;
        if (TryReadBasic(http.Request.Headers.Authorization.ToString(), out var user, out var password))
        {
            if (Verify(user, password))
                return OperatorVerdict.Allowed;
            Fail(client);
        }

        http.Response.Headers.WWWAuthenticate = $"Basic realm=\"{realm}\", charset=\"UTF-8\"";
        return OperatorVerdict.NeedsCredentials;
    }

    /// <summary>The hash is checked whatever the name, and the names compared in fixed time: neither answer comes sooner.</summary>
    private bool Verify(string user, string password)
    {
        var passwordMatches = Hasher.VerifyHashedPassword(username!, passwordHash!, password) != PasswordVerificationResult.Failed;
        var userMatches = CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(user)),
            SHA256.HashData(Encoding.UTF8.GetBytes(username!)));
        return passwordMatches & userMatches;
    }

    private int FailuresOf(string client) =>
        failures.TryGetValue(client, out var f) && time.GetUtcNow() - f.Since < Window ? f.Count : 0;

    private void Fail(string client)
    {
        var now = time.GetUtcNow();
        failures.AddOrUpdate(client, (now, 1), (_, f) => now - f.Since < Window ? (f.Since, f.Count + 1) : (now, 1));
        // A flood from many addresses must not grow this without bound: old windows go once there are many.
        if (failures.Count > 10_000)
            foreach (var (key, value) in failures)
                if (now - value.Since >= Window)
                    failures.TryRemove(key, out _);
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

public static class OperatorPages
{
    /// <summary>Where the verdict is kept for the page's own check (the dashboard's authorization filter) to read.</summary>
    public const string VerdictKey = "hiplog.operator-verdict";

    /// <summary>
    /// Lets the request on to the page, or answers a bare refusal that says nothing about the host: 401 asking for
    /// credentials, 403 without configured ones, 429 after too many failed attempts.
    /// </summary>
    public static bool Admit(this OperatorAccess access, HttpContext http, string realm)
    {
        var verdict = access.Judge(http, realm);
        http.Items[VerdictKey] = verdict;
        if (verdict == OperatorVerdict.Allowed)
            return true;
        if (verdict == OperatorVerdict.TooManyFailures)
            http.Response.Headers.RetryAfter = "60";
        http.Response.StatusCode = verdict switch
        {
            OperatorVerdict.NeedsCredentials => StatusCodes.Status401Unauthorized,
            OperatorVerdict.TooManyFailures => StatusCodes.Status429TooManyRequests,
            _ => StatusCodes.Status403Forbidden,
        };
        return false;
    }
}
