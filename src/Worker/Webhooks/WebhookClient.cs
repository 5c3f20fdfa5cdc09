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
        MaxResponseHeadersLength = 64,
        // An answer left unread closes its connection instead of being read to the end for reuse.
        MaxResponseDrainSize = 0,
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

    public const int MaxAnswerBytes = 64 * 1024;

    /// <summary>Posts a webhook and answers with the receiver's status; of its answer at most 64 KB are read.</summary>
    public static async Task<int> PostAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await DrainAsync(response);
        return (int)response.StatusCode;
    }

    /// <summary>
    /// Reads at most <see cref="MaxAnswerBytes"/> of an answer, for at most 5 s, and drops them; the rest is never read.
    /// The status is already known, so an answer that breaks off or trickles changes nothing.
    /// </summary>
    private static async Task DrainAsync(HttpResponseMessage response)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var buffer = new byte[8192];
        long total = 0;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            int read;
            while (total < MaxAnswerBytes
                && (read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, MaxAnswerBytes - total)),
                    timeout.Token)) > 0)
                total += read;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or HttpRequestException)
        {
        }
    }
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
