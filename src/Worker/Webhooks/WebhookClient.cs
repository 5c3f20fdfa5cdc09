using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;

namespace HipLog.Worker.Webhooks;

/// <summary>A destination the webhook rules refuse, found when connecting: the name resolved to an internal address.</summary>
public sealed class RefusedDestinationException(string host) : Exception($"Webhook destination {host} resolves to a refused address.");

/// <summary>The outgoing calls of webhooks: no redirects, a short timeout, and a connection only to addresses the rules allow.</summary>
public static class WebhookClient
{
    public static SocketsHttpHandler Handler(WebhookSettings settings) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        // The check runs on the addresses the name resolves to now: a name re-pointed after the URL was set is refused too.
        ConnectCallback = async (context, ct) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct);
            if (addresses.Length == 0 || !settings.AllowPrivateNetworks && addresses.Any(WebhookDestinations.IsForbidden))
                throw new RefusedDestinationException(context.DnsEndPoint.Host);
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}

/// <summary>Which category of <see cref="WebhookAttemptCategory"/> a failed call falls in.</summary>
public static class WebhookFailures
{
    public static string Categorize(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is RefusedDestinationException)
                return WebhookAttemptCategory.RefusedDestination;
            if (inner is AuthenticationException)
                return WebhookAttemptCategory.TlsFailed;
            if (inner is TimeoutException or TaskCanceledException or OperationCanceledException)
                return WebhookAttemptCategory.Timeout;
        }

        return WebhookAttemptCategory.ConnectionFailed;
    }
}
