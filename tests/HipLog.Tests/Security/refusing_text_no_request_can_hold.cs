using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HipLog.Domain.Wire;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using Microsoft.Extensions.Logging;

namespace HipLog.Tests.Security;

/// <summary>
/// Bodies the serializer would read by chance or fail on with an exception (a field sent twice, text that is not
/// Unicode, a NUL that PostgreSQL cannot store) are 400s naming the field, logged below Error, and change nothing.
/// </summary>
public sealed class refusing_text_no_request_can_hold(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    /// <summary>The sample request as JSON with its first field sent once more, ahead of the rest.</summary>
    private static string Repeating(object sample, string field, string value)
    {
        var json = JsonSerializer.Serialize(sample, sample.GetType(), HipLogJson.Wire);
        return "{\"" + field + "\":" + value + "," + json[1..];
    }

    private static async Task<Answer> Send(RunnerClient runner, HttpMethod method, string path, byte[] body, string mediaType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        return await runner.SendAsync(method, path, content);
    }

    private void RefusedNaming(Answer answer, string field)
    {
        answer.IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe([field]);
        api.Logs.Lines.ShouldNotContain(l => l.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task a_field_sent_twice_in_a_new_run_is_named()
    {
        var runner = api.Runner("twice-run");

        RefusedNaming(await runner.SendAsync(HttpMethod.Post, runner.Runs.Path, Repeating(Sample.Run(), "distanceKm", "30")), "distanceKm");
        (await runner.Runs.ListAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_field_sent_twice_in_another_case_in_a_profile_is_named()
    {
        var runner = api.Runner("twice-profile");

        RefusedNaming(await runner.SendAsync(HttpMethod.Put, runner.Profiles.Path, Repeating(Sample.Profile(), "TimeZone", "\"UTC\"")),
            "timeZone");
    }

    public static TheoryData<string, string, string> Patches => new()
    {
        { "runs", """{"notes":"a","notes":"b"}""", "notes" },
        { "pain-reports", """{"notes":"a","Notes":"b"}""", "notes" },
        { "runs", """{"notes":"\udfff"}""", "notes" },
        { "pain-reports", """{"notes":"before \ud83d"}""", "notes" },
        { "runs", """{"notes":"a\u0000b"}""", "notes" },
    };

    [Theory]
    [MemberData(nameof(Patches))]
    public async Task a_patch_that_cannot_be_stored_is_named_and_changes_nothing(string entries, string patch, string field)
    {
        var runner = api.Runner("patch-" + Guid.NewGuid().ToString("N")[..8]);
        var path = entries == "runs" ? runner.Runs.PathOf((await runner.Runs.CreateAsync()).Id)
            : runner.Pain.PathOf((await runner.Pain.CreateAsync()).Id);
        var before = (await runner.GetAsync(path)).Body;

        RefusedNaming(await Send(runner, HttpMethod.Patch, path, Encoding.UTF8.GetBytes(patch), "application/merge-patch+json"), field);
        (await runner.GetAsync(path)).Body.ShouldBe(before);
    }

    [Fact]
    public async Task bytes_that_are_not_utf8_are_named()
    {
        var runner = api.Runner("not-utf8");
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Sample.Pain() with { Notes = "XX" }, HipLogJson.Wire));
        var at = json.AsSpan().IndexOf("XX"u8);
        json[at] = 0xff;
        json[at + 1] = 0xfe;

        RefusedNaming(await Send(runner, HttpMethod.Post, runner.Pain.Path, json, "application/json"), "notes");
        (await runner.Pain.ListAsync()).ShouldBeEmpty();
    }
}
