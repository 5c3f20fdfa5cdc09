using System.Net;
using HipLog.Tests.Support;
using HipLog.Worker;
using JasperFx;
using Wolverine;

namespace HipLog.Tests.Hosting;

/// <summary>
/// JasperFx and Wolverine pin the "application assembly" process-wide to whatever the first host in the
/// process resolved. When a Worker host started first, a later Api scanned the Worker's assembly for
/// endpoints and came up with no routes at all (about one suite run in four). Each host now names its
/// own assembly; this pins the process-wide value to the Worker's, as the unlucky order did, and starts
/// an Api anyway.
/// </summary>
public sealed class starting_hosts_in_one_process
{
    [Fact]
    public async Task an_api_started_after_a_worker_still_has_its_routes()
    {
        var jasperFx = JasperFxOptions.RememberedApplicationAssembly;
        var wolverine = WolverineOptions.RememberedApplicationAssembly;
        JasperFxOptions.RememberedApplicationAssembly = typeof(WorkerProgram).Assembly;
        WolverineOptions.RememberedApplicationAssembly = typeof(WorkerProgram).Assembly;
        try
        {
            await using var api = new HipLogApi(await TestPostgres.CreateDatabaseAsync("hosts"));
            await TestHosts.StartAsync(() => api.Server);

            await (await api.CreateClient().GetAsync("/stretches")).ShouldBeJson(HttpStatusCode.OK);
            await (await api.ClientFor("alice").GetAsync("/runners/alice/profile")).ShouldBeProblem(HttpStatusCode.NotFound);
        }
        finally
        {
            JasperFxOptions.RememberedApplicationAssembly = jasperFx;
            WolverineOptions.RememberedApplicationAssembly = wolverine;
        }
    }
}
