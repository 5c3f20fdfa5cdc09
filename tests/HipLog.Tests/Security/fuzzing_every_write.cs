using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HipLog.Domain.Wire;
using HipLog.Tests.Imports;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using Microsoft.Extensions.Logging;

namespace HipLog.Tests.Security;

/// <summary>
/// Valid requests to every write endpoint, mutated at random (bodies, media types, Idempotency-Keys, query strings,
/// archives and activity files), with a fixed seed and a fixed count so a failure comes back the same. Whatever is
/// sent, the answer is never a 5xx and nothing is logged at Error.
/// </summary>
public sealed class fuzzing_every_write(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const int Seed = 20261204;
    private const int MutationsPerTarget = 30;

    private static readonly string[] Tokens =
    [
        "\"\\udfff\"", "\"\\u0000\"", "1e999", "-0", "[]", "{}", "null", "\"", "true", "9223372036854775808", "\"\\ud83d\"",
        new string('[', 200), "\"" + new string('a', 5000) + "\"", "\"2026-02-30T25:61:00+99:00\"", "\"‮\"", ",", ":", "\"x\":1",
    ];

    private static readonly string[] MediaTypes =
    [
        "application/json", "application/merge-patch+json", "text/plain", "application/json; charset=latin1", "application/zip",
        "application/gpx+xml", "multipart/form-data; boundary=x", "application/", "*/*",
    ];

    private static readonly string[] Queries =
        ["", "?effort=11", "?effort=%00", "?surface=lava", "?effort=1e9&surface=", "?effort=5&effort=6", "?%ZZ=1", "?surface=%ED%A0%80"];

    private readonly HipLogApi api = fixture.Api;
    private readonly Random random = new(Seed);

    private sealed record Target(HttpMethod Method, string Path, string MediaType, byte[] Body);

    private async Task<IReadOnlyList<Target>> TargetsAsync(RunnerClient runner)
    {
        var run = await runner.Runs.CreateAsync();
        var pain = await runner.Pain.CreateAsync();
        var session = await runner.Stretching.CreateAsync();
        byte[] Json(object body) => JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), HipLogJson.Wire);
        var patch = Encoding.UTF8.GetBytes("""{"notes":"changed"}""");
        var gpx = Tracks.Utf8(ImportedArchive.Gpx(0));
        return
        [
            new(HttpMethod.Post, runner.Runs.Path, "application/json", Json(Sample.Run())),
            new(HttpMethod.Put, runner.Runs.PathOf(run.Id), "application/json", Json(Sample.Run())),
            new(HttpMethod.Patch, runner.Runs.PathOf(run.Id), "application/merge-patch+json", patch),
            new(HttpMethod.Post, runner.Pain.Path, "application/json", Json(Sample.Pain())),
            new(HttpMethod.Put, runner.Pain.PathOf(pain.Id), "application/json", Json(Sample.Pain())),
            new(HttpMethod.Patch, runner.Pain.PathOf(pain.Id), "application/merge-patch+json", patch),
            new(HttpMethod.Post, runner.Stretching.Path, "application/json", Json(Sample.Session())),
            new(HttpMethod.Patch, runner.Stretching.PathOf(session.Id), "application/merge-patch+json", patch),
            new(HttpMethod.Put, runner.Profiles.Path, "application/json", Json(Sample.Profile())),
            new(HttpMethod.Post, $"{runner.Path}/report-links", "application/json", "{}"u8.ToArray()),
            new(HttpMethod.Post, $"{runner.Path}/calendar-feed", "application/json", "{}"u8.ToArray()),
            new(HttpMethod.Post, $"{runner.Path}/recommendations/rec~{Guid.NewGuid():N}/acknowledge", "application/json", "{}"u8.ToArray()),
            new(HttpMethod.Post, $"{runner.Path}/runs/import", "application/gpx+xml", gpx),
            new(HttpMethod.Post, $"{runner.Path}/imports", "application/zip",
                Tracks.Zip([("a/1.gpx", gpx), ("a/2.gpx.gz", Tracks.Gzip("<gpx"))])),
        ];
    }

    [Fact]
    public async Task no_mutated_write_is_answered_with_a_server_error()
    {
        var runner = api.Runner("fuzzed");
        await runner.Profiles.SetAsync();
        var failures = new List<string>();

        foreach (var target in await TargetsAsync(runner))
            for (var i = 0; i < MutationsPerTarget; i++)
            {
                var (body, mediaType, query, key) = Mutate(target);
                using var request = new HttpRequestMessage(target.Method, target.Path + query) { Content = new ByteArrayContent(body) };
                if (MediaTypeHeaderValue.TryParse(mediaType, out var type))
                    request.Content.Headers.ContentType = type;
                if (key is not null)
                    request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
                var answer = await Answer.ReadAsync(await runner.Http.SendAsync(request));
                if ((int)answer.Status >= 500)
                    failures.Add($"{target.Method} {target.Path}{query} ({mediaType}, mutation {i}): {(int)answer.Status} {answer.Body}");
            }

        failures.ShouldBeEmpty();
        api.Logs.Lines.Where(l => l.Level >= LogLevel.Error).Select(l => l.Message).ShouldBeEmpty();
    }

    private (byte[] Body, string MediaType, string Query, string? Key) Mutate(Target target)
    {
        var body = target.Body.ToList();
        switch (random.Next(6))
        {
            case 0 when body.Count > 0:
                body[random.Next(body.Count)] = (byte)random.Next(256);
                break;
            case 1 when body.Count > 0:
                body = body.Take(random.Next(body.Count)).ToList();
                break;
            case 2:
                body.InsertRange(random.Next(body.Count + 1), Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)]));
                break;
            case 3 when body.Count > 2:
                var from = random.Next(body.Count - 1);
                body.InsertRange(random.Next(body.Count), body.GetRange(from, Math.Min(random.Next(1, 64), body.Count - from)));
                break;
            case 4:
                body = [.. Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)])];
                break;
        }

        var mediaType = random.Next(4) == 0 ? MediaTypes[random.Next(MediaTypes.Length)] : target.MediaType;
        var key = random.Next(3) switch
        {
            0 => null,
            1 => Guid.NewGuid().ToString(),
            _ => new[] { "", " ", new string('k', 300), "a b", "%00", "\"quoted\"" }[random.Next(6)],
        };
        return (body.ToArray(), mediaType, Queries[random.Next(Queries.Length)], key);
    }
}
