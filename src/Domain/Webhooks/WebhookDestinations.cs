using System.Net;
using System.Net.Sockets;

namespace HipLog.Domain.Webhooks;

/// <summary>"Webhooks" section: where the Worker may post. Both switches stay off on a server on the internet.</summary>
public sealed class WebhookSettings
{
    public const string Section = "Webhooks";

    /// <summary>Lets webhooks reach loopback and private networks: for tests and local trials only.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Lets webhooks use plain http; otherwise https only.</summary>
    public bool AllowHttp { get; set; }
}

/// <summary>
/// Which webhook URLs HipLog will call. A runner chooses the URL, so it must never lead into the operator's own
/// network: loopback, private and link-local ranges (cloud metadata included), carrier-grade NAT, unspecified,
/// multicast, broadcast and reserved addresses are refused, in every spelling (decimal, hexadecimal, IPv4 inside
/// IPv6), as are names that only resolve inside a network (localhost, single labels) and URLs with user info.
/// The check runs when the URL is set and again at connect time, on the addresses the name resolves to then, so
/// a name re-pointed after it was accepted (DNS rebinding) is refused too.
/// </summary>
public static class WebhookDestinations
{
    public const int MaxLength = 2000;

    /// <summary>Why HipLog will not call this URL, or null when it will.</summary>
    public static string? Refuse(string url, WebhookSettings settings)
    {
        if (url.Length > MaxLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
            return $"Must be an absolute https URL of at most {MaxLength} characters.";
        if (uri.Scheme != Uri.UriSchemeHttps && !(settings.AllowHttp && uri.Scheme == Uri.UriSchemeHttp))
            return settings.AllowHttp ? "Must be an http or https URL." : "Must be an https URL.";
        if (uri.UserInfo.Length > 0)
            return "Must not carry a user name or password.";
        if (settings.AllowPrivateNetworks)
            return null;
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(uri.DnsSafeHost, out var address))
            return IsForbidden(address) ? "Must not point at a loopback, private, link-local or otherwise internal address." : null;
        var host = uri.DnsSafeHost.TrimEnd('.').ToLowerInvariant();
        if (host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal) || !host.Contains('.')
            || host.EndsWith(".local", StringComparison.Ordinal) || host.EndsWith(".internal", StringComparison.Ordinal))
            return "Must name a public host: local and single-label names reach inside the server's network.";
        return null;
    }

    /// <summary>Whether an address lies in a range a webhook must never reach.</summary>
    public static bool IsForbidden(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return ForbiddenV4.Any(n => n.Contains(address));
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || address.IsIPv4MappedToIPv6)
            return true;
        if (ForbiddenV6.Any(n => n.Contains(address)))
            return true;
        // IPv4 carried inside IPv6 is judged as the IPv4 address it reaches: NAT64 (64:ff9b::/96) and 6to4 (2002::/16).
        var b = address.GetAddressBytes();
        if (Nat64.Contains(address))
            return IsForbidden(new IPAddress(b[12..]));
        return SixToFour.Contains(address) && IsForbidden(new IPAddress(b[2..6]));
    }

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>
    /// IANA's IPv4 special-purpose registry (RFC 6890 and later), every range not globally reachable, plus multicast
    /// and the reserved 240/4.
    /// </summary>
    private static readonly IPNetwork[] ForbiddenV4 = Networks(
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
        "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24", "192.168.0.0/16", "192.175.48.0/24",
        "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");

    /// <summary>
    /// IANA's IPv6 special-purpose registry: unspecified, loopback, IPv4-mapped and -translated, local-use NAT64
    /// (64:ff9b:1::/48), discard-only, the IETF protocol block (Teredo, ORCHID, benchmarking …), documentation (both),
    /// AS112, SRv6 SIDs, unique-local, link-local, the old site-local, and multicast.
    /// </summary>
    private static readonly IPNetwork[] ForbiddenV6 = Networks(
        "::/128", "::1/128", "::ffff:0:0/96", "::ffff:0:0:0/96", "::/96", "64:ff9b:1::/48", "100::/64", "2001::/23",
        "2001:db8::/32", "3fff::/20", "2620:4f:8000::/48", "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8");

    private static IPNetwork[] Networks(params string[] ranges) => ranges.Select(r => IPNetwork.Parse(r)).ToArray();
}
