using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HipLog.ServiceDefaults;

/// <summary>
/// "ForwardedHeaders" section: the reverse proxies in front of a host. X-Forwarded-For and -Proto are believed from
/// these addresses only (KnownProxies: addresses; KnownNetworks: CIDR ranges), so the client address the rate limits and
/// the operator pages judge is the real one; from anyone else, and when none are configured, they are ignored.
/// </summary>
public sealed class ProxySettings
{
    public const string Section = "ForwardedHeaders";

    public string[] KnownProxies { get; set; } = [];

    public string[] KnownNetworks { get; set; } = [];

    public bool Any => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}

public static class Proxies
{
    /// <summary>Headers a proxy adds: a request carrying one came through a proxy, whatever its socket says.</summary>
    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "Forwarded",
        "X-Real-IP"];

    public static bool CameThroughAProxy(Microsoft.AspNetCore.Http.HttpRequest request) =>
        ForwardingHeaders.Any(h => request.Headers.ContainsKey(h));

    public static IHostApplicationBuilder AddHipLogProxies(this IHostApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(ProxySettings.Section).Get<ProxySettings>() ?? new ProxySettings();
        builder.Services.AddSingleton(settings);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback: a proxy is trusted only when it is named.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in settings.KnownProxies)
                o.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address."));
            foreach (var network in settings.KnownNetworks)
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var range) ? range
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{network}' is not a CIDR range."));
        });
        return builder;
    }

    /// <summary>First in the pipeline, and only when proxies are configured.</summary>
    public static WebApplication UseHipLogProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ProxySettings>().Any)
            app.UseForwardedHeaders();
        return app;
    }
}
