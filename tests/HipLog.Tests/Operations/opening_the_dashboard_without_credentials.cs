using System.Net;
using HipLog.Tests.Support;

namespace HipLog.Tests.Operations;

public sealed class opening_the_dashboard_without_credentials : IAsyncLifetime
{
    private HipLogWorker worker = null!;

    public async Task InitializeAsync()
    {
        worker = new HipLogWorker(await TestPostgres.CreateDatabaseAsync("dashboard"));
        await TestHosts.StartAsync(() => worker.Server);
    }

    public async Task DisposeAsync() => await worker.DisposeAsync();

    [Fact]
    public async Task a_caller_that_is_not_on_loopback_is_refused_when_no_operator_credentials_are_set()
    {
        // The in-memory test server has no remote address, so the request is not a loopback one.
        var response = await worker.CreateClient().GetAsync("/jobs");

        // 403, not 401: with no credentials configured there are none to ask for (as /metrics answers).
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        response.Headers.WwwAuthenticate.ShouldBeEmpty();
        (await worker.CreateClient().GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
