using System.Net;
using HipLog.Api.Runs;
using HipLog.Api.Timeline;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Timeline;

public sealed class reading_the_timeline(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task every_event_is_shown_newest_first()
    {
        var (runner, _) = await FourEntriesAsync("runner-timeline");

        var page = await runner.Timeline.ReadAsync();

        page.Items.Select(i => i.Type)
            .ShouldBe(["run-retracted", "stretch-session-completed", "pain-reported", "run-logged", "runner-registered"]);
    }

    [Fact]
    public async Task before_pages_backwards_until_the_first_event()
    {
        var (runner, _) = await FourEntriesAsync("runner-timeline-pages");
        var whole = await runner.Timeline.ReadAsync();

        var first = await runner.Timeline.ReadAsync("?limit=3");
        var second = await runner.Timeline.ReadAsync($"?limit=3&before={first.NextBefore}");

        (first.Items.Count, second.NextBefore).ShouldBe((3, null));
        first.Items.Concat(second.Items).ShouldBe(whole.Items);
    }

    [Fact]
    public async Task each_item_says_what_happened_in_a_sentence()
    {
        var (runner, run) = await FourEntriesAsync("runner-timeline-words");

        var items = (await runner.Timeline.ReadAsync()).Items;

        items.Skip(1).Take(3).Select(i => i.Summary).ShouldBe([
            "Completed a stretch session: Garland pose (deep squat) (pain 4 → 2).",
            "Reported 4/10 ache pain, front hip, on the left side, after run.",
            "Logged an 8.4 km trail run of 45 min at effort 6/10.",
        ]);
        (items[3].EntryId, items[3].OccurredAt.OnTheirClock()).ShouldBe((run.Id, "2026-11-25T07:10:00+01:00"));
    }

    [Fact]
    public async Task the_times_hiplog_stamps_are_on_the_runners_clock()
    {
        var runner = api.Runner("runner-timeline-clock");
        await runner.Profiles.SetAsync(Sample.Profile("Ana", "Asia/Tokyo"));
        var run = await runner.Runs.CreateAsync(Sample.Run("2026-11-25T07:10:00+01:00"));
        await runner.Runs.RetractAsync(run.Id);

        var items = (await runner.Timeline.ReadAsync()).Items;

        // The Api's clock reads 2026-11-26 08:00 UTC: 17:00 in Tokyo; a retraction happens when HipLog records it.
        items.Select(i => i.RecordedAt.OnTheirClock()).Distinct().ShouldBe(["2026-11-26T17:00:00+09:00"]);
        items[0].OccurredAt.OnTheirClock().ShouldBe("2026-11-26T17:00:00+09:00");
    }

    [Fact]
    public async Task a_run_keeps_the_offset_the_runner_gave()
    {
        var runner = api.Runner("runner-timeline-offset");
        await runner.Profiles.SetAsync(Sample.Profile("Ana", "Asia/Tokyo"));
        await runner.Runs.CreateAsync(Sample.Run("2026-11-25T07:10:00+01:00"));

        (await runner.Timeline.ReadAsync()).Items[0].OccurredAt.OnTheirClock().ShouldBe("2026-11-25T07:10:00+01:00");
    }

    [Fact]
    public async Task an_empty_log_is_an_empty_page()
    {
        var runner = api.Runner("runner-timeline-empty");

        (await runner.Timeline.ReadAsync()).ShouldReadAs(new TimelinePage([], null));
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?before=abc", "before")]
    public async Task bad_paging_is_a_400_naming_it(string query, string field)
    {
        var runner = api.Runner("runner-timeline-bad");

        (await runner.Timeline.GetAsync(query)).IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe([field]);
    }

    /// <summary>A profile, a run with a pain report linked to it, a stretch session, then the run retracted.</summary>
    private async Task<(RunnerClient Runner, RunResponse Run)> FourEntriesAsync(string runnerId)
    {
        var runner = api.Runner(runnerId);
        await runner.Profiles.SetAsync(Sample.Profile("Tom", "Europe/London"));
        var run = await runner.Runs.CreateAsync(Sample.Run(distanceKm: 8.4));
        await runner.Pain.CreateAsync(Sample.Pain(score: 4) with { RunId = run.Id, Notes = null });
        await runner.Stretching.CreateAsync(Sample.Session(exerciseIds: ["garland-pose"]));
        await runner.Runs.RetractAsync(run.Id);
        return (runner, run);
    }
}
