using System.Net;
using System.Net.Sockets;

namespace HipLog.ServiceDefaults;

public static class ClientNetworks
{
    /// <summary>
    /// The client a request is counted against: an IPv4 address, or the /64 of an IPv6 one, since one customer is
    /// handed a whole /64 and could otherwise take a fresh address for every request.
    /// </summary>
    public static string Of(IPAddress? address)
    {
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
