using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using HipLog.Domain.Wire;

namespace HipLog.Tests.Support.Clients;

/// <summary>A problem answer (RFC 9457) as a record: the fields a test compares, and the message given for each invalid field.</summary>
public sealed record Problem(int Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Messages)
{
    /// <summary>The invalid fields named, in ordinal order.</summary>
    public IReadOnlyList<string> Fields => Messages.Keys.Order(StringComparer.Ordinal).ToList();

    public static Problem Of(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        var messages = node["errors"]?.AsObject()
            .ToDictionary(e => e.Key, e => e.Value!.AsArray().Select(m => m!.GetValue<string>()).ToArray())
            ?? [];
        return new Problem(node["status"]!.GetValue<int>(), node["title"]!.GetValue<string>(), node["detail"]?.GetValue<string>(),
            messages);
    }
}

/// <summary>What the Api answered, read once: status, headers, media type and body.</summary>
public sealed record Answer(HttpStatusCode Status, HttpResponseHeaders Headers, string? MediaType, string Body, string? Charset = null)
{
    public static async Task<Answer> ReadAsync(HttpResponseMessage response)
    {
        using (response)
            return new Answer(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.MediaType,
                await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.CharSet);
    }

    public string? Location => Headers.Location?.ToString();

    public bool Replayed => Headers.TryGetValues("Idempotent-Replayed", out var values) && values.Contains("true");

    /// <summary>The body as the record the Api answers with, read as strictly as the Api reads requests: an unknown field fails the
    /// test.</summary>
    public T Is<T>(HttpStatusCode status)
    {
        Status.ShouldBe(status, Body);
        MediaType.ShouldBe("application/json", Body);
        return JsonSerializer.Deserialize<T>(Body, HipLogJson.Wire)!;
    }

    /// <summary>A problem answer with this status, as application/problem+json.</summary>
    public Problem IsProblem(HttpStatusCode status)
    {
        Status.ShouldBe(status, Body);
        MediaType.ShouldBe("application/problem+json", Body);
        return Problem.Of(Body);
    }

    public void IsEmpty(HttpStatusCode status)
    {
        Status.ShouldBe(status, Body);
        Body.ShouldBeEmpty();
    }
}

public static class Answers
{
    /// <summary>A GET read once as an answer, by a client that is no runner's own (anonymous, a browser with a link).</summary>
    public static async Task<Answer> GetAnswerAsync(this HttpClient http, string path) => await Answer.ReadAsync(await http.GetAsync(path));
}

public static class WireRecords
{
    /// <summary>A time as the runner reads it, offset included: DateTimeOffset equality compares instants only.</summary>
    public static string OnTheirClock(this DateTimeOffset time) =>
        time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture);

    public static string? OnTheirClock(this DateTimeOffset? time) => time?.OnTheirClock();

    /// <summary>Equal as the wire writes them: records holding lists compare by content, which record equality does not.</summary>
    public static void ShouldReadAs<T>(this T actual, T expected) =>
        JsonSerializer.Serialize(actual, HipLogJson.Wire).ShouldBe(JsonSerializer.Serialize(expected, HipLogJson.Wire));
}
