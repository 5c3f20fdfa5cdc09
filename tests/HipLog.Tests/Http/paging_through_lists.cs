using System.Net;
using System.Text;
using HipLog.Api.Http.Lists;
using HipLog.Api.Pain;
using HipLog.Api.Runs;
using HipLog.Domain.Runs;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Http;

public sealed class paging_through_lists(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    public static TheoryData<string> Lists =>
        ["runs", "pain-reports", "stretch-sessions", "recommendations", "webhook-deliveries"];

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task an_empty_list_is_an_empty_page(string list)
    {
        var runner = api.Runner("runner-page-rules");

        (await runner.GetAsync($"{runner.Path}/{list}")).Body.ShouldBe("""{"items":[],"next":null}""");
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task a_limit_outside_1_to_500_is_named(string list)
    {
        var runner = api.Runner("runner-page-rules");

        foreach (var limit in new[] { "0", "-1", "501", "100000000000", "abc", "1.5", "1e2", "+5", "", "%20" })
            (await runner.GetAsync($"{runner.Path}/{list}?limit={limit}")).IsProblem(HttpStatusCode.BadRequest).Fields
                .ShouldBe(["limit"], $"limit={limit}");
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task a_limit_of_1_or_500_is_honoured(string list)
    {
        var runner = api.Runner("runner-page-rules");

        foreach (var limit in new[] { "1", "500" })
            (await runner.GetAsync($"{runner.Path}/{list}?limit={limit}")).Status.ShouldBe(HttpStatusCode.OK, $"limit={limit}");
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task a_cursor_this_list_did_not_give_is_named(string list)
    {
        var runner = api.Runner("runner-page-rules");
        var otherList = Base64Url(list == "runs" ? "PainReportView|2026-11-25T06:10:00.0000000Z|" + Guid.NewGuid()
            : "RunView|2026-11-25T06:10:00.0000000Z|" + Guid.NewGuid());

        foreach (var cursor in new[] { "x", "not*base64", Base64Url("RunView|yesterday|1"), Base64Url("just text"), otherList,
                     new string('A', 400) })
            (await runner.GetAsync($"{runner.Path}/{list}?cursor={cursor}")).IsProblem(HttpStatusCode.BadRequest).Fields
                .ShouldBe(["cursor"], $"cursor={cursor}");
    }

    [Theory]
    [InlineData("?limit=0&cursor=x", new[] { "cursor", "limit" })]
    [InlineData("?limit=600&from=yesterday", new[] { "from", "limit" })]
    public async Task every_bad_paging_parameter_is_named_in_one_problem(string query, string[] fields)
    {
        var runner = api.Runner("runner-page-rules");

        (await runner.GetAsync(runner.Runs.Path + query)).IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe(fields);
    }

    [Fact]
    public async Task following_next_reads_every_standing_run_once_in_order_while_runs_change_between_pages()
    {
        var runner = api.Runner("runner-page-walk");
        var starts = Enumerable.Range(1, 6).Select(day => $"2026-11-{day:00}T07:00:00+01:00").ToList();
        // Runs at the very same instant are told apart by id; two 100 ns apart fall on the same microsecond in PostgreSQL.
        starts.AddRange(["2026-11-10T07:00:00+01:00", "2026-11-10T07:00:00+01:00", "2026-11-10T06:00:00Z"]);
        starts.AddRange(["2026-11-12T07:00:00.1234567+01:00", "2026-11-12T07:00:00.1234568+01:00"]);
        foreach (var start in starts)
            await runner.Runs.CreateAsync(Sample.Run(start));
        var inOrder = (await runner.Runs.ListAsync()).Select(r => r.Id).ToList();
        inOrder.Count.ShouldBe(11);

        var first = (await runner.GetAsync($"{runner.Runs.Path}?limit=3")).Is<Page<RunResponse>>(HttpStatusCode.OK);
        var seen = first.Items.Select(r => r.Id).ToList();
        // Between pages: one run before the cursor and one after it are logged, one read and one unread run are retracted.
        var before = await runner.Runs.CreateAsync(Sample.Run("2026-10-01T07:00:00+01:00"));
        var after = await runner.Runs.CreateAsync(Sample.Run("2026-11-20T07:00:00+01:00"));
        await runner.Runs.RetractAsync(inOrder[1]);
        await runner.Runs.RetractAsync(inOrder[6]);

        var (rest, pages) = await FollowAsync(runner, first.Next);

        seen.AddRange(rest);
        seen.ShouldBe([.. inOrder.Where(id => id != inOrder[6]), after.Id]);
        seen.ShouldNotContain(before.Id);
        pages.ShouldBe(3, "pages after the first");
    }

    [Fact]
    public async Task pages_keep_to_the_from_and_to_range()
    {
        var runner = api.Runner("runner-page-range");
        await runner.Profiles.SetAsync(Sample.Profile("Ana", "Europe/Berlin"));
        for (var day = 1; day <= 9; day++)
            await runner.Pain.CreateAsync(Sample.Pain($"2026-11-{day:00}T23:30:00+01:00"));

        var whole = await runner.Pain.ListAsync("?from=2026-11-03&to=2026-11-07");
        var paged = await runner.AllAsync<PainReportResponse>($"{runner.Pain.Path}?from=2026-11-03&to=2026-11-07", limit: 2);

        whole.Select(r => r.ReportedAt)
            .ShouldBe(Enumerable.Range(3, 5).Select(d => DateTimeOffset.Parse($"2026-11-{d:00}T23:30:00+01:00")));
        paged.ShouldBe(whole);
    }

    [Fact]
    public async Task a_page_holds_100_entries_unless_asked_for_up_to_500()
    {
        var runner = api.Runner("runner-page-many");
        await using (var session = api.Store.LightweightSession())
        {
            var start = new DateTimeOffset(2026, 6, 1, 7, 0, 0, TimeSpan.FromHours(2));
            session.Events.Append(runner.Id, Enumerable.Range(0, 120).Select(i =>
                (object)new RunLogged(runner.Id, Guid.CreateVersion7(),
                    new RunDetails(5, 1800, 5, Surface.Road, null, null, null, start.AddDays(i)))).ToArray());
            await session.SaveChangesAsync();
        }

        var first = (await runner.GetAsync(runner.Runs.Path)).Is<Page<RunResponse>>(HttpStatusCode.OK);
        var rest = (await runner.GetAsync($"{runner.Runs.Path}?cursor={first.Next}")).Is<Page<RunResponse>>(HttpStatusCode.OK);
        var all = (await runner.GetAsync($"{runner.Runs.Path}?limit=500")).Is<Page<RunResponse>>(HttpStatusCode.OK);

        (first.Items.Count, rest.Items.Count, rest.Next).ShouldBe((100, 20, null));
        (all.Items.Count, all.Next).ShouldBe((120, null));
    }

    private static async Task<(List<Guid> Ids, int Pages)> FollowAsync(RunnerClient runner, string? next)
    {
        var (ids, pages) = (new List<Guid>(), 0);
        for (; next is not null; pages++)
        {
            var page = (await runner.GetAsync($"{runner.Runs.Path}?limit=3&cursor={next}")).Is<Page<RunResponse>>(HttpStatusCode.OK);
            ids.AddRange(page.Items.Select(r => r.Id));
            next = page.Next;
        }

        return (ids, pages);
    }

    private static string Base64Url(string text) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
}
