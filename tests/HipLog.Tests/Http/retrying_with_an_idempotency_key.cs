using System.Net;
using HipLog.Domain.Runs;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Http;

public sealed class retrying_with_an_idempotency_key(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    [Theory]
    [InlineData("runs")]
    [InlineData("pain-reports")]
    [InlineData("stretch-sessions")]
    public async Task a_retried_create_gets_the_first_answer_replayed(string kind)
    {
        var runner = api.Runner($"runner-idem-{kind}");
        var (path, body) = Create(runner, kind);

        var first = await runner.PostAsync(path, body, "key-1");
        var retry = await runner.PostAsync(path, body, "key-1");

        (retry.Status, retry.Location, retry.Body, retry.Replayed).ShouldBe((HttpStatusCode.Created, first.Location, first.Body, true));
        first.Replayed.ShouldBeFalse();
    }

    [Theory]
    [InlineData("runs")]
    [InlineData("pain-reports")]
    [InlineData("stretch-sessions")]
    public async Task a_retried_create_appends_nothing(string kind)
    {
        var runner = api.Runner($"runner-idem-once-{kind}");
        var (path, body) = Create(runner, kind);

        await runner.PostAsync(path, body, "key-1");
        await runner.PostAsync(path, body, "key-1");

        (await runner.StoredEventsAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task the_same_key_with_another_body_is_a_422_that_stores_nothing()
    {
        var runner = api.Runner("runner-idem-mismatch");
        await runner.Runs.PostAsync(Sample.Run(), "k");

        var reused = await runner.Runs.PostAsync(Sample.Run(distanceKm: 20), "k");

        reused.IsProblem(HttpStatusCode.UnprocessableEntity);
        (await runner.StoredEventsAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task keys_belong_to_one_runner()
    {
        var a = api.Runner("runner-idem-a");
        var b = api.Runner("runner-idem-b");
        var first = await a.Runs.PostAsync(Sample.Run(), "shared");

        var other = await b.Runs.PostAsync(Sample.Run(), "shared");

        (other.Status, other.Replayed).ShouldBe((HttpStatusCode.Created, false));
        other.Location.ShouldNotBe(first.Location);
        (await b.StoredEventsAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task copies_racing_each_other_append_once()
    {
        var runner = api.Runner("runner-idem-race");

        await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => runner.Runs.PostAsync(Sample.Run(), "race")));

        (await runner.StoredEventsAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task copies_racing_each_other_all_get_the_first_answer()
    {
        var runner = api.Runner("runner-idem-race-answers");

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => runner.Runs.PostAsync(Sample.Run(), "race")));

        answers.Select(a => (a.Status, a.Body)).Distinct().ShouldHaveSingleItem().Status.ShouldBe(HttpStatusCode.Created);
        answers.Count(a => !a.Replayed).ShouldBe(1);
    }

    [Fact]
    public async Task a_retried_correction_is_replayed()
    {
        var runner = api.Runner("runner-idem-correct");
        var run = await runner.Runs.CreateAsync();
        var first = await runner.Runs.PutAsync(run.Id, Sample.Run(distanceKm: 9), "fix");

        var retry = await runner.Runs.PutAsync(run.Id, Sample.Run(distanceKm: 9), "fix");

        (retry.Status, retry.Body, retry.Replayed).ShouldBe((HttpStatusCode.OK, first.Body, true));
        (await runner.StoredEventTypesAsync()).ShouldBe([typeof(RunLogged), typeof(RunCorrected)]);
    }

    [Fact]
    public async Task a_retried_retraction_is_replayed_rather_than_not_found()
    {
        var runner = api.Runner("runner-idem-retract");
        var run = await runner.Runs.CreateAsync();
        await runner.Runs.RetractAsync(run.Id, "drop");

        var retry = await runner.Runs.RetractAsync(run.Id, "drop");

        (retry.Status, retry.Replayed).ShouldBe((HttpStatusCode.NoContent, true));
        (await runner.StoredEventTypesAsync()).ShouldBe([typeof(RunLogged), typeof(RunRetracted)]);
    }

    [Fact]
    public async Task a_refused_request_does_not_use_up_its_key()
    {
        var runner = api.Runner("runner-idem-fix");
        (await runner.Runs.PostAsync(Sample.Run(effort: 11), "try")).IsProblem(HttpStatusCode.BadRequest);

        var fixedUp = await runner.Runs.PostAsync(Sample.Run(), "try");

        (fixedUp.Status, fixedUp.Replayed).ShouldBe((HttpStatusCode.Created, false));
        (await runner.StoredEventsAsync()).Count.ShouldBe(1);
    }

    [Fact]
    public async Task an_unusable_key_is_a_400_that_stores_nothing()
    {
        var runner = api.Runner("runner-idem-badkey");

        (await runner.Runs.PostAsync(Sample.Run(), new string('k', 256))).IsProblem(HttpStatusCode.BadRequest);

        (await runner.StoredEventsAsync()).ShouldBeEmpty();
    }

    private static (string Path, object Body) Create(RunnerClient runner, string kind) => kind switch
    {
        "runs" => (runner.Runs.Path, Sample.Run()),
        "pain-reports" => (runner.Pain.Path, Sample.Pain()),
        _ => (runner.Stretching.Path, Sample.Session()),
    };
}
