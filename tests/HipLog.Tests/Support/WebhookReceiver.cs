using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace HipLog.Tests.Support;

/// <summary>A receiver on a loopback port that answers the statuses it is given, in turn, and keeps what it got.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<int> answers;

    public ConcurrentQueue<(Dictionary<string, string> Headers, string Body, int Answer)> Received { get; } = new();

    public string Url { get; }

    private WebhookReceiver(WebApplication app, ConcurrentQueue<int> answers, string url)
        => (this.app, this.answers, Url) = (app, answers, url);

    public static async Task<WebhookReceiver> StartAsync(params int[] statuses)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var answers = new ConcurrentQueue<int>(statuses);
        WebhookReceiver? receiver = null;
        app.MapPost("/hook", async (HttpContext http) =>
        {
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            var status = answers.TryDequeue(out var next) ? next : 200;
            // Kestrel reuses its header objects once the request is over: keep a copy.
            receiver!.Received.Enqueue((http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
                body, status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        receiver = new WebhookReceiver(app, answers, app.Urls.First() + "/hook");
        return receiver;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
