using System.Net;
using System.Net.Sockets;
using System.Text;
using HipLog.Domain.Webhooks;
using HipLog.Worker.Webhooks;

namespace HipLog.Tests.Webhooks;

/// <summary>A receiver chooses its answer: a huge or endless one must cost the Worker no more than 64 KB.</summary>
public sealed class reading_a_receivers_answer
{
    [Fact]
    public async Task an_endless_answer_is_read_no_further_than_64_kb()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var sent = AnswerEndlesslyAsync(listener);

        using var client = new HttpClient(WebhookClient.Handler(new WebhookSettings { AllowHttp = true, AllowPrivateNetworks = true }));
        var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/hook") { Content = new StringContent("{}") };
        (await WebhookClient.PostAsync(client, request)).ShouldBe(200);

        // The answer claims a gigabyte; the receiver's writes fail once the Worker has let go of the connection, after
        // what it read and what the two sockets' buffers hold.
        (await sent.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBeLessThan(16L << 20);
    }

    private static async Task<long> AnswerEndlesslyAsync(TcpListener listener)
    {
        using var socket = await listener.AcceptSocketAsync();
        await using var stream = new NetworkStream(socket);
        var request = new byte[4096];
        _ = await stream.ReadAsync(request); // the request is not checked: any request gets the endless answer
        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 1073741824\r\n\r\n"));
        var chunk = new byte[64 * 1024];
        long sent = 0;
        try
        {
            while (sent < 1L << 30)
            {
                await stream.WriteAsync(chunk);
                sent += chunk.Length;
            }
        }
        catch (IOException)
        {
        }

        return sent;
    }
}
