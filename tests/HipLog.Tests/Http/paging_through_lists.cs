using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HipLog.Api.Http.Lists;
using HipLog.Api.Http.Problems;
using HipLog.Api.Watch;
using HipLog.Api.Webhooks;
using HipLog.Domain.Pain;
using HipLog.Domain.Runs;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using HipLog.Tests.Support;
using Marten;
using Marten.Linq;
using Npgsql;

namespace HipLog.Tests.Http;

public sealed class paging_through_lists(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    public static TheoryData<string> Lists =>
        ["runs", "pain-reports", "stretch-sessions", "recommendations", "webhook-deliveries"];

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task every_list_answers_a_page_and_names_a_limit_or_cursor_it_cannot_honour(string list)
    {
        var client = api.ClientFor("runner-page-rules");
        var url = $"/runners/runner-page-rules/{list}";

        var empty = await (await client.GetAsync(url)).ShouldBeJson(HttpStatusCode.OK);
        empty.ToJsonString().ShouldBe("""{"items":[],"next":null}""");

        foreach (var limit in new[] { "0", "-1", "501", "100000000000", "abc", "1.5", "1e2", "+5", "", "%20" })
            (await (await client.GetAsync($"{url}?limit={limit}")).ShouldBeProblem(HttpStatusCode.BadRequest)).ErrorFields()
                .ShouldBe(["limit"], $"limit={limit}");
        foreach (var limit in new[] { "1", "500" })
            (await client.GetAsync($"{url}?limit={limit}")).StatusCode.ShouldBe(HttpStatusCode.OK, $"limit={limit}");

        var otherList = Base64Url(list == "runs" ? "PainReportView|2026-11-25T06:10:00.0000000Z|" + Guid.NewGuid()
            : "RunView|2026-11-25T06:10:00.0000000Z|" + Guid.NewGuid());
        foreach (var cursor in new[] { "x", "not*base64", Base64Url("RunView|yesterday|1"), Base64Url("just text"), otherList,
            new string('A', 400) })
            (await (await client.GetAsync($"{url}?cursor={cursor}")).ShouldBeProblem(HttpStatusCode.BadRequest)).ErrorFields()
                .ShouldBe(["cursor"], $"cursor={cursor}");
        (await (await client.GetAsync($"{url}?limit=0&cursor=x")).ShouldBeProblem(HttpStatusCode.BadRequest)).ErrorFields()
            .ShouldBe(["cursor", "limit"]);
    }

    [Fact]
    public async Task a_bad_limit_and_a_bad_range_are_refused_together()
    {
        var problem = await (await api.ClientFor("runner-page-rules").GetAsync("/runners/runner-page-rules/runs?limit=600&from=yesterday"))
            .ShouldBeProblem(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["from", "limit"]);
    }

    [Fact]
    public async Task following_next_reads_every_standing_run_once_in_order_while_runs_come_and_go_between_pages()
    {
        const string runner = "runner-page-walk";
        var client = api.ClientFor(runner);
        var url = $"/runners/{runner}/runs";
        var starts = new List<string>();
        for (var day = 1; day <= 6; day++)
            starts.Add($"2026-11-{day:00}T07:00:00+01:00");
        // Runs at the very same instant are told apart by id; two 100 ns apart fall on the same microsecond in PostgreSQL.
        starts.AddRange(["2026-11-10T07:00:00+01:00", "2026-11-10T07:00:00+01:00", "2026-11-10T06:00:00Z"]);
        starts.AddRange(["2026-11-12T07:00:00.1234567+01:00", "2026-11-12T07:00:00.1234568+01:00"]);
        var ids = new List<Guid>();
        foreach (var start in starts)
            ids.Add(await client.Create(url, Scenarios.Run(start)));
        var inOrder = (await client.List(url)).Select(r => r!["id"]!.GetValue<Guid>()).ToList();
        inOrder.Count.ShouldBe(11);

        var seen = new List<Guid>();
        var first = await (await client.GetAsync($"{url}?limit=3")).ShouldBeJson(HttpStatusCode.OK);
        seen.AddRange(Ids(first));
        var next = first["next"]!.GetValue<string>();

        // Between pages: one run before the cursor and one after it are logged, one read and one unread run are retracted.
        var before = await client.Create(url, Scenarios.Run("2026-10-01T07:00:00+01:00"));
        var after = await client.Create(url, Scenarios.Run("2026-11-20T07:00:00+01:00"));
        (await client.DeleteAsync($"{url}/{inOrder[1]}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.DeleteAsync($"{url}/{inOrder[6]}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var pages = 1;
        while (next is not null)
        {
            var page = await (await client.GetAsync($"{url}?limit=3&cursor={next}")).ShouldBeJson(HttpStatusCode.OK);
            seen.AddRange(Ids(page));
            next = page["next"]?.GetValue<string>();
            pages++;
        }

        seen.ShouldBeUnique();
        seen.ShouldNotContain(before);
        seen.ShouldNotContain(inOrder[6]);
        seen.ShouldBe([.. inOrder.Where(id => id != inOrder[6]), after]);
        pages.ShouldBe(4);
    }

    [Fact]
    public async Task pages_keep_to_the_from_and_to_range()
    {
        const string runner = "runner-page-range";
        var client = api.ClientFor(runner);
        (await client.PutJson($"/runners/{runner}/profile", new { displayName = "Ana", timeZone = "Europe/Berlin" }))
            .EnsureSuccessStatusCode();
        for (var day = 1; day <= 9; day++)
            await client.Create($"/runners/{runner}/pain-reports", Scenarios.Pain($"2026-11-{day:00}T23:30:00+01:00"));

        var whole = await client.List($"/runners/{runner}/pain-reports?from=2026-11-03&to=2026-11-07");
        var paged = await client.ListAll($"/runners/{runner}/pain-reports?from=2026-11-03&to=2026-11-07", limit: 2);

        whole.Select(r => r!["reportedAt"]!.GetValue<string>())
            .ShouldBe([.. Enumerable.Range(3, 5).Select(d => $"2026-11-{d:00}T23:30:00+01:00")]);
        paged.Select(r => r.ToJsonString()).ShouldBe(whole.Select(r => r!.ToJsonString()));
    }

    [Fact]
    public async Task a_page_holds_100_entries_unless_asked_for_up_to_500()
    {
        const string runner = "runner-page-many";
        await using (var session = api.Store.LightweightSession())
        {
            var start = new DateTimeOffset(2026, 6, 1, 7, 0, 0, TimeSpan.FromHours(2));
            session.Events.Append(runner, Enumerable.Range(0, 120).Select(i =>
                (object)new RunLogged(runner, Guid.CreateVersion7(),
                    new RunDetails(5, 1800, 5, Surface.Road, null, null, null, start.AddDays(i)))).ToArray());
            await session.SaveChangesAsync();
        }

        var client = api.ClientFor(runner);
        var first = await (await client.GetAsync($"/runners/{runner}/runs")).ShouldBeJson(HttpStatusCode.OK);
        first["items"]!.AsArray().Count.ShouldBe(100);
        var rest = await (await client.GetAsync($"/runners/{runner}/runs?cursor={first["next"]!.GetValue<string>()}"))
            .ShouldBeJson(HttpStatusCode.OK);
        rest["items"]!.AsArray().Count.ShouldBe(20);
        rest["next"].ShouldBeNull();
        var all = await (await client.GetAsync($"/runners/{runner}/runs?limit=500")).ShouldBeJson(HttpStatusCode.OK);
        all["items"]!.AsArray().Count.ShouldBe(120);
        all["next"].ShouldBeNull();
    }

    [Fact]
    public async Task recommendations_and_webhook_deliveries_page_newest_first_in_the_runners_offset()
    {
        const string runner = "runner-page-inbox";
        var client = api.ClientFor(runner);
        (await client.PutJson($"/runners/{runner}/profile", new { displayName = "Ana", timeZone = "Europe/Berlin" }))
            .EnsureSuccessStatusCode();
        var detected = new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero);
        var recommendations = Enumerable.Range(0, 5).Select(i => RecommendationIds.For(Guid.CreateVersion7())).ToList();
        await using (var session = api.Store.LightweightSession())
        {
            for (var i = 0; i < recommendations.Count; i++)
            {
                var id = recommendations[i];
                // Two assessed at the same instant: the id orders them.
                var at = detected.AddHours(i == 4 ? 3 : i);
                session.Events.StartStream<RecommendationView>(id,
                    new PainRiseDetected(id, runner, Guid.NewGuid(), PainLocation.FrontHip, BodySide.Left, ["red-flag:pain-at-night"], [],
                        null, null, DateOnly.FromDateTime(at.UtcDateTime), at),
                    new ClinicianReferralAdvised(id, runner, "See a clinician.", at.AddSeconds(1)));
                session.Store(new WebhookDelivery(WebhookDelivery.IdFor(id), runner, id, "https://hooks.example/hiplog",
                    WebhookDeliveryState.Delivered,
                    [new WebhookAttempt(at.AddSeconds(2), 200, null)], at.AddSeconds(2)));
            }

            await session.SaveChangesAsync();
        }

        var listed = await client.ListAll($"/runners/{runner}/recommendations?status=all", limit: 2);
        var expected = recommendations.Select((id, i) => (id, at: detected.AddHours(i == 4 ? 3 : i)))
            .OrderByDescending(r => r.at).ThenByDescending(r => r.id, StringComparer.Ordinal).Select(r => r.id).ToList();
        listed.Select(r => r["id"]!.GetValue<string>()).ShouldBe(expected);
        // A referral is stamped in UTC by the watch; the runner reads it on their own clock (Berlin is UTC+1 in November).
        listed[^1]["detectedAt"]!.GetValue<string>().ShouldBe("2026-11-20T07:00:00+01:00");
        listed[^1]["dueAt"]!.GetValue<string>().ShouldBe("2026-11-20T07:00:01+01:00");
        listed[^1]["deliveredAt"]!.GetValue<string>().ShouldBe("2026-11-20T07:00:01+01:00");

        var deliveries = await client.ListAll($"/runners/{runner}/webhook-deliveries", limit: 3);
        deliveries.Select(d => d["recommendationId"]!.GetValue<string>()).ShouldBe(expected);
        deliveries[^1]["createdAt"]!.GetValue<string>().ShouldBe("2026-11-20T07:00:02+01:00");
        deliveries[^1]["attempts"]![0]!["at"]!.GetValue<string>().ShouldBe("2026-11-20T07:00:02+01:00");
    }

    [Fact]
    public async Task a_page_is_read_by_walking_an_index_from_the_cursor_without_sorting()
    {
        await using var session = api.Store.QuerySession();
        var runs = LogEntries.PagedFor<RunView>();
        var errors = new FieldErrors();
        var cursor = Base64Url($"RunView|2026-11-25T06:10:00.1234567Z|{Guid.NewGuid()}");
        var runPage = runs.Read("50", cursor, errors);
        var recommendationPage = ListRecommendationsEndpoint.Paged.Read("50",
            Base64Url("recommendations|2026-11-25T06:10:00.0000000Z|rec~1"), errors);
        var deliveryPage = ListWebhookDeliveriesEndpoint.Paged.Read("50",
            Base64Url("webhook-deliveries|2026-11-25T06:10:00.0000000Z|msg_rec~1"), errors);
        errors.IsEmpty.ShouldBeTrue();

        var from = DateTimeOffset.Parse("2026-01-01T00:00:00Z");
        await ShouldWalkAnIndex(runs.Query(session.Query<RunView>().Where(v => v.RunnerId == "r" && v.OccurredAt >= from), runPage)
            .ToCommand(FetchType.FetchMany), "runview");
        await ShouldWalkAnIndex(ListRecommendationsEndpoint.Paged.Query(session.Query<RecommendationView>().Where(v => v.RunnerId == "r"),
            recommendationPage)
            .ToCommand(FetchType.FetchMany), "recommendationview");
        await ShouldWalkAnIndex(ListWebhookDeliveriesEndpoint.Paged.Query(session.Query<WebhookDelivery>().Where(v => v.RunnerId == "r"),
            deliveryPage)
            .ToCommand(FetchType.FetchMany), "webhookdelivery");
    }

    /// <summary>With sequential scans ruled out, the plan must still need no sort: the index gives the page's order.</summary>
    private async Task ShouldWalkAnIndex(NpgsqlCommand query, string table)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
            await off.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand("EXPLAIN " + query.CommandText, connection);
        foreach (NpgsqlParameter p in query.Parameters)
            explain.Parameters.Add(p.Clone());
        var plan = new StringBuilder();
        await using (var reader = await explain.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                plan.AppendLine(reader.GetString(0));

        plan.ToString().ShouldContain($"Index Scan", Case.Sensitive, plan.ToString());
        plan.ToString().ShouldContain($"mt_doc_{table}_idx", Case.Sensitive, plan.ToString());
        plan.ToString().ShouldNotContain("Sort", Case.Sensitive, plan.ToString());
    }

    private static IEnumerable<Guid> Ids(JsonNode page) => page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>());

    private static string Base64Url(string text) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
}
