using System.Text;
using HipLog.Api.Http.Lists;
using HipLog.Api.Http.Problems;
using HipLog.Api.Watch;
using HipLog.Api.Webhooks;
using HipLog.Domain.Runs;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using HipLog.Tests.Support;
using Marten;
using Marten.Linq;
using Npgsql;

namespace HipLog.Tests.Http;

/// <summary>A page costs the same on the first day and after years: PostgreSQL walks an index from the cursor, never sorts.</summary>
public sealed class reading_a_page_from_an_index(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

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

    private static string Base64Url(string text) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
}
