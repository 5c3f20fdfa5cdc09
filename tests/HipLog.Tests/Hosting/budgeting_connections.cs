using System.Diagnostics;
using System.Net;
using HipLog.Domain.Storage;
using HipLog.ServiceDefaults;
using HipLog.Tests.Support;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HipLog.Tests.Hosting;

/// <summary>Every pool of a host is capped, and readiness probes cost PostgreSQL at most a query a second.</summary>
public sealed class budgeting_connections(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static int PoolOf(IDocumentStore store)
    {
        using var connection = store.Storage.Database.CreateConnection();
        return new NpgsqlConnectionStringBuilder(connection.ConnectionString).MaxPoolSize;
    }

    [Fact]
    public void the_apis_pool_holds_at_most_its_budget()
    {
        PoolOf(fixture.Api.Store).ShouldBe(ConnectionBudget.ApiDefault);
    }

    [Fact]
    public async Task the_budget_is_what_the_operator_configured()
    {
        await using var api = new HipLogApi(await TestPostgres.CreateDatabaseAsync("budget"),
            settings: new Dictionary<string, string?> { [ConnectionBudget.Setting] = "7" });
        await TestHosts.StartAsync(() => api.Server);

        PoolOf(api.Store).ShouldBe(7);
    }

    [Fact]
    public async Task a_flood_of_readiness_probes_asks_postgresql_about_once_a_second()
    {
        var check = fixture.Api.Services.GetRequiredService<PostgresHealthCheck>();
        var client = fixture.Api.CreateClient();
        var before = check.Probes;
        var clock = Stopwatch.StartNew();

        var answers = await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => client.GetAsync("/health/ready")));

        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.OK);
        // A rate, not a timing: one probe per second the flood lasted, and one for the second it began in.
        (check.Probes - before).ShouldBeLessThanOrEqualTo((long)Math.Ceiling(clock.Elapsed.TotalSeconds) + 1);
    }
}
