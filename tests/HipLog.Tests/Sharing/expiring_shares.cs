using System.Net;
using HipLog.Api.Http.Lists;
using HipLog.Api.Sharing;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Sharing;

/// <summary>Codes and shares running out, on the Api's own clock (a class of its own: it moves the clock).</summary>
public sealed class expiring_shares(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task an_unused_code_stops_after_48_hours_and_a_share_at_its_end()
    {
        var runner = await api.RunnerInBerlinAsync("expiring");
        var stale = (await runner.PostAsync($"{runner.Path}/shares", new { label = "old code", scope = (string[])["entries"] }))
            .Is<ShareResponse>(HttpStatusCode.Created);
        var ending = (await runner.PostAsync($"{runner.Path}/shares", new
        {
            label = "short", scope = (string[])["entries"], expiresAt = api.Clock.GetUtcNow().AddDays(3),
        })).Is<ShareResponse>(HttpStatusCode.Created);
        var lee = api.Clinician("expiring-lee");
        await lee.PutAsync("/clinicians/expiring-lee/profile", new { displayName = "Dr Lee" });
        (await lee.PostAsync("/clinicians/expiring-lee/patients", new { code = ending.Code })).Status.ShouldBe(HttpStatusCode.Created);

        api.Clock.Advance(TimeSpan.FromHours(49));
        (await lee.PostAsync("/clinicians/expiring-lee/patients", new { code = stale.Code })).IsProblem(HttpStatusCode.NotFound);
        (await lee.GetAsync("/clinicians/expiring-lee/patients/expiring/runs")).Status.ShouldBe(HttpStatusCode.OK);

        api.Clock.Advance(TimeSpan.FromDays(2));
        (await lee.GetAsync("/clinicians/expiring-lee/patients/expiring/runs")).IsProblem(HttpStatusCode.NotFound);
        (await lee.GetAsync("/clinicians/expiring-lee/patients")).Is<List<PatientResponse>>(HttpStatusCode.OK).ShouldBeEmpty();
        (await runner.GetAsync($"{runner.Path}/shares")).Is<Page<ShareResponse>>(HttpStatusCode.OK).Items.Select(s => s.Status)
            .ShouldBe(["expired", "expired"]);
    }
}
