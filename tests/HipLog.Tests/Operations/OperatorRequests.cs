using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace HipLog.Tests.Operations;

/// <summary>Requests an operator's tools make (a Prometheus scrape, a readiness probe), from an address the test chooses.</summary>
internal static class OperatorRequests
{
    public static async Task<(int Status, string Body)> GetAsync(TestServer server, string path, IPAddress from,
        string? authorization = null)
    {
        var context = await server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = from;
            if (authorization is not null)
                c.Request.Headers.Authorization = authorization;
        });
        return (context.Response.StatusCode, await new StreamReader(context.Response.Body).ReadToEndAsync());
    }

    public static async Task<string> ScrapeAsync(TestServer server)
    {
        var (status, body) = await GetAsync(server, "/metrics", IPAddress.Loopback);
        status.ShouldBe(StatusCodes.Status200OK, body);
        return body;
    }

    /// <summary>The sum of a Prometheus series' samples whose labels include the given ones (0 when there is none).</summary>
    public static double Sample(string scrape, string series, params string[] labels) =>
        scrape.Split('\n')
            .Select(line => Regex.Match(line, $@"^{Regex.Escape(series)}(\{{(?<labels>[^}}]*)\}})? (?<value>\S+)"))
            .Where(m => m.Success && labels.All(l => m.Groups["labels"].Value.Contains(l, StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture));

    public static async Task<JsonObject> ReadinessAsync(TestServer server)
    {
        var (_, body) = await GetAsync(server, "/health/ready", IPAddress.Loopback);
        return JsonNode.Parse(body)!.AsObject();
    }
}
