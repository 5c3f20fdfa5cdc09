using System.Net;
using HipLog.ServiceDefaults;

namespace HipLog.Tests.Security;

/// <summary>Requests without a token are counted per client network: an IPv6 customer holds a whole /64.</summary>
public sealed class counting_anonymous_clients
{
    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff")]
    [InlineData("203.0.113.7", "::ffff:203.0.113.7")]
    public void two_addresses_of_one_client_share_a_count(string one, string other) =>
        ClientNetworks.Of(IPAddress.Parse(one)).ShouldBe(ClientNetworks.Of(IPAddress.Parse(other)));

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1")]
    [InlineData("203.0.113.7", "203.0.113.8")]
    public void two_clients_are_counted_apart(string one, string other) =>
        ClientNetworks.Of(IPAddress.Parse(one)).ShouldNotBe(ClientNetworks.Of(IPAddress.Parse(other)));
}
