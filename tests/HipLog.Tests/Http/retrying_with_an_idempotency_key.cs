using System.Net;
using HipLog.Tests.Support;
using Marten;

namespace HipLog.Tests.Http;

public sealed class retrying_with_an_idempotency_key(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    private static HttpRequestMessage Request(HttpMethod method, string url, string key, object? body = null)
    {
        var request = new HttpRequestMessage(method, url)
        {
            Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body),
        };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Theory]
    [InlineData("/runners/{0}/runs", "run")]
    [InlineData("/runners/{0}/pain-reports", "pain")]
    [InlineData("/runners/{0}/stretch-sessions", "session")]
    public async Task a_retried_create_gets_the_first_answer_and_appends_nothing(string path, string kind)
    {
        var runner = $"runner-idem-{kind}";
        var client = api.ClientFor(runner);
        var url = string.Format(path, runner);
        object body = kind switch { "run" => Scenarios.Run(), "pain" => Scenarios.Pain(), _ => Scenarios.Session() };

        var first = await client.SendAsync(Request(HttpMethod.Post, url, "key-1", body));
        var retry = await client.SendAsync(Request(HttpMethod.Post, url, "key-1", body));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.StatusCode.ShouldBe(HttpStatusCode.Created);
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        retry.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        (await StreamLength(runner)).ShouldBe(1);
    }

    [Fact]
    public async Task the_same_key_with_another_body_is_a_422_and_stores_nothing()
    {
        var client = api.ClientFor("runner-idem-mismatch");
        (await client.SendAsync(Request(HttpMethod.Post, "/runners/runner-idem-mismatch/runs", "k", Scenarios.Run())))
            .EnsureSuccessStatusCode();

        var reused = await client.SendAsync(Request(HttpMethod.Post, "/runners/runner-idem-mismatch/runs", "k",
            Scenarios.Run(distanceKm: 20)));

        await reused.ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        (await StreamLength("runner-idem-mismatch")).ShouldBe(1);
    }

    [Fact]
    public async Task keys_belong_to_one_runner()
    {
        var a = api.ClientFor("runner-idem-a");
        var b = api.ClientFor("runner-idem-b");

        (await a.SendAsync(Request(HttpMethod.Post, "/runners/runner-idem-a/runs", "shared", Scenarios.Run())))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await b.SendAsync(Request(HttpMethod.Post, "/runners/runner-idem-b/runs", "shared", Scenarios.Run())))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        (await StreamLength("runner-idem-a")).ShouldBe(1);
        (await StreamLength("runner-idem-b")).ShouldBe(1);
    }

    [Fact]
    public async Task copies_racing_each_other_append_once_and_all_get_the_same_answer()
    {
        var client = api.ClientFor("runner-idem-race");

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            client.SendAsync(Request(HttpMethod.Post, "/runners/runner-idem-race/runs", "race", Scenarios.Run()))));

        responses.Select(r => r.StatusCode).Distinct().ShouldBe([HttpStatusCode.Created]);
        (await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()))).Distinct().Count().ShouldBe(1);
        (await StreamLength("runner-idem-race")).ShouldBe(1);
    }

    [Fact]
    public async Task corrections_and_retractions_replay_too()
    {
        var client = api.ClientFor("runner-idem-change");
        var runId = await client.Create("/runners/runner-idem-change/runs", Scenarios.Run());

        foreach (var _ in new[] { 1, 2 })
            (await client.SendAsync(Request(HttpMethod.Put, $"/runners/runner-idem-change/runs/{runId}", "fix",
                Scenarios.Run(distanceKm: 9))))
                .StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var _ in new[] { 1, 2 })
            (await client.SendAsync(Request(HttpMethod.Delete, $"/runners/runner-idem-change/runs/{runId}", "drop")))
                .StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await StreamLength("runner-idem-change")).ShouldBe(3);
    }

    [Fact]
    public async Task a_refused_request_does_not_use_up_its_key()
    {
        var client = api.ClientFor("runner-idem-fix");

        (await client.SendAsync(Request(HttpMethod.Post, "/runners/runner-idem-fix/runs", "try", Scenarios.Run(effort: 11))))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.SendAsync(Request(HttpMethod.Post, "/runners/runner-idem-fix/runs", "try", Scenarios.Run())))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        (await StreamLength("runner-idem-fix")).ShouldBe(1);
    }

    [Fact]
    public async Task an_unusable_key_is_a_400()
    {
        var client = api.ClientFor("runner-idem-badkey");

        await (await client.SendAsync(Request(HttpMethod.Post, "/runners/runner-idem-badkey/runs", new string('k', 256), Scenarios.Run())))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        (await StreamLength("runner-idem-badkey")).ShouldBe(0);
    }

    private async Task<int> StreamLength(string runnerId)
    {
        await using var session = api.Store.QuerySession();
        return (await session.Events.FetchStreamAsync(runnerId)).Count;
    }
}
