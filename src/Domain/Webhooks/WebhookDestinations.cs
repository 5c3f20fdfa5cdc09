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
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return IsForbiddenV4(address.GetAddressBytes());
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return true;

        var b = address.GetAddressBytes();
        if (IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6None.Equals(address) || address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC)
            return true;
        // IPv4 embedded in IPv6: NAT64 (64:ff9b::/96), 6to4 (2002::/16) and the deprecated compatible form (::/96).
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b.Skip(4).Take(8).All(x => x == 0))
            return IsForbiddenV4(b[12..]);
        if (b[0] == 0x20 && b[1] == 0x02)
            return IsForbiddenV4(b[2..6]);
        if (b.Take(12).All(x => x == 0))
            return true;
        // Documentation (2001:db8::/32).
        return b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8;
    }

    private static bool IsForbiddenV4(byte[] a) =>
        a[0] is 0 or 10 or 127 or >= 224                      // "this network", private, loopback, multicast, reserved, broadcast
        || a[0] == 100 && a[1] is >= 64 and <= 127            // carrier-grade NAT
        || a[0] == 169 && a[1] == 254                         // link-local, cloud metadata
        || a[0] == 172 && a[1] is >= 16 and <= 31             // private
        || a[0] == 192 && a[1] == 168                         // private
        || a[0] == 192 && a[1] == 0 && a[2] is 0 or 2         // IETF protocol assignments, documentation
        || a[0] == 198 && a[1] is 18 or 19                    // benchmarking
        || a[0] == 198 && a[1] == 51 && a[2] == 100           // documentation
        || a[0] == 203 && a[1] == 0 && a[2] == 113;           // documentation
}
