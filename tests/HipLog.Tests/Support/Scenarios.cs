using System.Net;
using System.Text.Json.Nodes;

namespace HipLog.Tests.Support;

/// <summary>Bodies a runner would send, and the round trips tests repeat.</summary>
public static class Scenarios
{
    public static Dictionary<string, object?> Run(string startedAt = "2026-11-25T07:10:00+01:00", double distanceKm = 8.4, int effort = 6)
        => new()
    {
        ["startedAt"] = startedAt, ["distanceKm"] = distanceKm, ["durationSeconds"] = 2700, ["perceivedEffort"] = effort,
        ["surface"] = "trail", ["routeName"] = "Riverside loop", ["shoes"] = "Trail 3", ["notes"] = "easy",
    };

    public static Dictionary<string,
        object?> Pain(string reportedAt = "2026-11-25T09:00:00+01:00", int score = 4, string location = "front-hip") => new()
    {
        ["reportedAt"] = reportedAt, ["score"] = score, ["location"] = location, ["side"] = "left", ["timing"] = "after-run",
        ["character"] = "ache", ["notes"] = "tight after hills",
    };

    public static Dictionary<string, object?> Session(string completedAt = "2026-11-25T19:00:00+01:00", params string[] exerciseIds)
        => new()
    {
        ["completedAt"] = completedAt,
        ["exercises"] = (exerciseIds.Length == 0 ? ["lizard-lower-lunge"] : exerciseIds)
            .Select(id => new Dictionary<string, object?> { ["exerciseId"] = id, ["side"] = "both", ["holdBreaths"] = 8 }).ToArray(),
        ["painBefore"] = 4, ["painAfter"] = 2,
    };

    public static Dictionary<string, object?> With(this Dictionary<string, object?> body, string field, object? value)
    {
        var copy = new Dictionary<string, object?>(body) { [field] = value };
        return copy;
    }

    public static Dictionary<string, object?> Without(this Dictionary<string, object?> body, string field)
    {
        var copy = new Dictionary<string, object?>(body);
        copy.Remove(field);
        return copy;
    }

    /// <summary>Posts and answers the new entry's id, failing the test on anything but 201.</summary>
    public static async Task<Guid> Create(this HttpClient client, string url, object body) =>
        (await (await client.PostJson(url, body)).ShouldBeJson(HttpStatusCode.Created))["id"]!.GetValue<Guid>();

    /// <summary>The items of a list's first page (100 by default), failing the test on anything but 200.</summary>
    public static async Task<JsonArray> List(this HttpClient client, string url) =>
        (await (await client.GetAsync(url)).ShouldBeJson(HttpStatusCode.OK))["items"]!.AsArray();

    /// <summary>Every item of a list, following its "next" cursor page after page.</summary>
    public static async Task<List<JsonNode>> ListAll(this HttpClient client, string url, int limit)
    {
        var items = new List<JsonNode>();
        string? next = null;
        do
        {
            var separator = url.Contains('?') ? '&' : '?';
            var page = await (await client.GetAsync($"{url}{separator}limit={limit}{(next is null ? "" : "&cursor=" + next)}"))
                .ShouldBeJson(HttpStatusCode.OK);
            items.AddRange(page["items"]!.AsArray().Select(i => i!.DeepClone()));
            next = page["next"]?.GetValue<string>();
        }
        while (next is not null);
        return items;
    }
}
