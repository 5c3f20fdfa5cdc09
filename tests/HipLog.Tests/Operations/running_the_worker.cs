using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hangfire;
using HipLog.Domain.Storage;
using HipLog.Tests.Support;
using HipLog.Worker.Jobs;
using Marten;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HipLog.Tests.Operations;

/// <summary>A job the test enqueues through the Worker's own Hangfire client; running it proves storage and server work.</summary>
public static class ProbeJob
{
    private static readonly ConcurrentDictionary<Guid, TaskCompletionSource<string>> Runs = new();

    public static Task<string> Expect(Guid id) => Runs.GetOrAdd(id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public static void Run(Guid id) => Runs.GetOrAdd(id, _ => new(TaskCreationOptions.RunContinuationsAsynchronously))
        .TrySetResult(Environment.CurrentManagedThreadId.ToString());
}

public sealed class running_the_worker : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";
    private HipLogWorker worker = null!;
    private string connectionString = "";

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("worker");
        worker = new HipLogWorker(connectionString, new Dictionary<string, string?>
        {
            ["Jobs:Dashboard:Username"] = "operator",
            ["Jobs:Dashboard:PasswordHash"] = new PasswordHasher<string>().HashPassword("operator", Password),
        });
        await TestHosts.StartAsync(() => worker.Server);
    }

    public async Task DisposeAsync() => await worker.DisposeAsync();

    [Fact]
    public async Task the_worker_runs_an_enqueued_job_from_its_postgresql_storage()
    {
        var id = Guid.NewGuid();
        var done = ProbeJob.Expect(id);

        var jobId = worker.Services.GetRequiredService<IBackgroundJobClient>().Enqueue(() => ProbeJob.Run(id));

        (await done.WaitAsync(TimeSpan.FromSeconds(30))).ShouldNotBeNullOrEmpty();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("select statename from hangfire.job where id = @id",
            connection) { Parameters = { new("id", long.Parse(jobId)) } };
        // The state row is written just after the method returns.
        for (var i = 0; i < 50 && (string?)await query.ExecuteScalarAsync() != "Succeeded"; i++)
            await Task.Delay(100);
        ((string?)await query.ExecuteScalarAsync()).ShouldBe("Succeeded");
    }

    [Fact]
    public async Task the_hourly_job_forgets_idempotency_answers_older_than_their_retention()
    {
        var store = worker.Services.GetRequiredService<IDocumentStore>();
        var now = DateTimeOffset.UtcNow;
        await using (var session = store.LightweightSession())
        {
            session.Store(
                new IdempotentResponse("r/old", "r", "h", 201, null, null, "",
                    now - IdempotentResponse.Retention - TimeSpan.FromMinutes(1)),
                new IdempotentResponse("r/fresh", "r", "h", 201, null, null, "", now - TimeSpan.FromHours(25)));
            await session.SaveChangesAsync();
        }

        worker.Services.GetRequiredService<IRecurringJobManager>().Trigger(ExpireIdempotencyKeys.RecurringJobId);

        // Up to 30 s: under the full suite's load Hangfire may take a while to fetch the triggered job.
        string[] left = [];
        for (var i = 0; i < 300; i++)
        {
            await using var query = store.QuerySession();
            left = (await query.Query<IdempotentResponse>().Select(r => r.Id).ToListAsync()).Order().ToArray();
            if (left.Length == 1)
                break;
            await Task.Delay(100);
        }
        left.ShouldBe(["r/fresh"]);
    }

    [Fact]
    public async Task the_worker_reports_ready_when_postgresql_answers()
    {
        var client = worker.CreateClient();

        (await (await client.GetAsync("/health/live")).ShouldBeJson(HttpStatusCode.OK))["status"]!.GetValue<string>().ShouldBe("healthy");
        (await (await client.GetAsync("/health/ready"))
            .ShouldBeJson(HttpStatusCode.OK))["checks"]!["postgres"]!["status"]!.GetValue<string>().ShouldBe("healthy");
    }

    [Fact]
    public async Task the_dashboard_asks_for_the_operators_credentials()
    {
        var client = worker.CreateClient();

        var anonymous = await client.GetAsync("/jobs");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        anonymous.Headers.WwwAuthenticate.ToString().ShouldStartWith("Basic");

        client.DefaultRequestHeaders.Authorization = Basic("operator", "wrong");
        (await client.GetAsync("/jobs")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        client.DefaultRequestHeaders.Authorization = Basic("operator", Password);
        var page = await client.GetAsync("/jobs");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("HipLog jobs");
    }

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
