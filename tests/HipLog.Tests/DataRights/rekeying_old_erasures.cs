using System.Security.Cryptography;
using System.Text;
using HipLog.Domain.DataRights;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using Marten;

namespace HipLog.Tests.DataRights;

/// <summary>Erasures recorded under a bare SHA-256 of the runner id, before the HMAC, move to their HMAC key when a Worker
/// starts.</summary>
public sealed class rekeying_old_erasures
{
    [Fact]
    public async Task a_finished_erasure_under_a_bare_hash_is_found_under_its_hmac_key_and_the_bare_hash_is_gone()
    {
        await using var scenario = await WatchScenario.StartAsync("rekey", DateTimeOffset.Parse("2026-11-25T06:00:00Z"), workers: 0);
        var bare = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("old-erased-runner")));
        var at = scenario.Clock.GetUtcNow().AddDays(-30);
        await using (var session = scenario.Api.Store.LightweightSession())
        {
            session.Store(new ErasureRequest(bare, null, ErasureStatus.Done, at, at.AddMinutes(1)));
            session.Events.StartStream(RunnerErasure.StreamFor(bare), new RunnerErasureRequested(bare, at));
            await session.SaveChangesAsync();
        }

        await scenario.StartWorkerAsync();

        var erasure = await scenario.Api.Runner("old-erased-runner").DataRights.ReadErasureAsync();
        (erasure.Status, erasure.RequestedAt).ShouldBe(("done", at));
        await using var query = scenario.Api.Store.QuerySession();
        (await query.LoadAsync<ErasureRequest>(bare)).ShouldBeNull();
        (await query.Events.FetchStreamStateAsync(RunnerErasure.StreamFor(bare))).ShouldBeNull();
    }
}
