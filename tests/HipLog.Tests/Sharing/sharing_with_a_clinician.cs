using System.Net;
using HipLog.Api.Http.Lists;
using HipLog.Api.Runs;
using HipLog.Api.Sharing;
using HipLog.Domain.Sharing;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Sharing;

/// <summary>
/// A runner shares with a clinician through the real Api: the code, the acceptance, the patient list with its light, scoped
/// reads from the share's first day, the access log, and revocation at once.
/// </summary>
public sealed class sharing_with_a_clinician(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    private static object Terms(params string[] scope) => new { label = "Dr Lee, physio", scope, from = "2026-09-01" };

    /// <summary>
    /// A runner in Berlin with a run before the share's first day, one after, and a 7/10 yesterday; and their share's code.
    /// </summary>
    private async Task<(RunnerClient Runner, ShareResponse Share)> SharedAsync(string runnerId, params string[] scope)
    {
        var runner = await api.RunnerInBerlinAsync(runnerId);
        await runner.Runs.CreateAsync(Sample.Run("2026-08-01T07:00:00+02:00"));
        await runner.Runs.CreateAsync(Sample.Run("2026-11-24T07:00:00+01:00"));
        await runner.Pain.CreateAsync(Sample.Pain("2026-11-25T19:00:00+01:00", 7));
        var share = (await runner.PostAsync($"{runner.Path}/shares", Terms(scope))).Is<ShareResponse>(HttpStatusCode.Created);
        return (runner, share);
    }

    private async Task<RunnerClient> ClinicianAsync(string clinicianId, string name = "Dr Lee")
    {
        var clinician = api.Clinician(clinicianId);
        (await clinician.PutAsync($"/clinicians/{clinicianId}/profile", new { displayName = name }))
            .Is<ClinicianProfileResponse>(HttpStatusCode.Created);
        return clinician;
    }

    private static Task<Answer> Accept(RunnerClient clinician, string code) =>
        clinician.PostAsync($"/clinicians/{clinician.Id}/patients", new { code });

    [Fact]
    public async Task a_code_makes_the_runner_a_patient_once()
    {
        var (runner, share) = await SharedAsync("share-once", "trend", "entries");
        var lee = await ClinicianAsync("dr-lee-once");

        var accepted = (await Accept(lee, share.Code!.ToLowerInvariant())).Is<PatientShareResponse>(HttpStatusCode.Created);

        (accepted.RunnerId, accepted.DisplayName, accepted.Label, accepted.From, accepted.ExpiresAt)
            .ShouldBe((runner.Id, "Ana", "Dr Lee, physio", new DateOnly(2026, 9, 1), share.ExpiresAt));
        accepted.Scope.ShouldBe([ShareScope.Trend, ShareScope.Entries]);
        (await Accept(await ClinicianAsync("dr-kim-once", "Dr Kim"), share.Code!)).IsProblem(HttpStatusCode.NotFound);
        var listed = (await runner.GetAsync($"{runner.Path}/shares")).Is<Page<ShareResponse>>(HttpStatusCode.OK).Items.Single();
        (listed.Status, listed.ClinicianId, listed.ClinicianName, listed.Code).ShouldBe(("active", "dr-lee-once", "Dr Lee", null));
    }

    [Fact]
    public async Task the_patient_list_shows_the_light_red_first_with_its_reasons()
    {
        var (_, share) = await SharedAsync("share-light", "trend");
        var lee = await ClinicianAsync("dr-lee-light");
        await Accept(lee, share.Code!);

        var patient = (await lee.GetAsync("/clinicians/dr-lee-light/patients")).Is<List<PatientResponse>>(HttpStatusCode.OK).Single();

        (patient.RunnerId, patient.DisplayName, patient.Light, patient.OpenAdvisories).ShouldBe(("share-light", "Ana", Light.Red, 0));
        patient.Reasons.ShouldBe(["Pain of 7/10 on 2026-11-25, above 5."]);
        patient.LastReportAt.ShouldBe(DateTimeOffset.Parse("2026-11-25T19:00:00+01:00"));
    }

    [Fact]
    public async Task a_patient_without_a_report_in_5_weeks_is_grey_with_their_last_report()
    {
        var runner = await api.RunnerInBerlinAsync("share-grey");
        await runner.Pain.CreateAsync(Sample.Pain("2026-08-02T19:00:00+02:00", 6));
        var share = (await runner.PostAsync($"{runner.Path}/shares", Terms("trend"))).Is<ShareResponse>(HttpStatusCode.Created);
        var lee = await ClinicianAsync("dr-lee-grey");
        await Accept(lee, share.Code!);

        var patient = (await lee.GetAsync("/clinicians/dr-lee-grey/patients")).Is<List<PatientResponse>>(HttpStatusCode.OK).Single();

        (patient.Light, patient.LastReportAt).ShouldBe((Light.Grey, DateTimeOffset.Parse("2026-08-02T19:00:00+02:00")));
    }

    [Fact]
    public async Task a_read_shows_nothing_before_the_shares_first_day_and_says_it_was_cut()
    {
        var (_, share) = await SharedAsync("share-cut", "entries");
        var lee = await ClinicianAsync("dr-lee-cut");
        await Accept(lee, share.Code!);

        var answer = await lee.GetAsync("/clinicians/dr-lee-cut/patients/share-cut/runs?from=2026-07-01");

        answer.Is<Page<RunResponse>>(HttpStatusCode.OK).Items.Select(r => r.StartedAt.Month).ShouldBe([11]);
        answer.Headers.GetValues(PatientAccess.RangeCutHeader).Single().ShouldStartWith("from 2026-09-01");
        answer.Headers.GetValues(PatientAccess.VisibleFromHeader).Single().ShouldBe("2026-09-01");
    }

    [Fact]
    public async Task a_read_outside_the_scope_is_a_403_naming_it_and_is_not_logged()
    {
        var (runner, share) = await SharedAsync("share-scope", "entries");
        var lee = await ClinicianAsync("dr-lee-scope");
        await Accept(lee, share.Code!);

        (await lee.GetAsync("/clinicians/dr-lee-scope/patients/share-scope/pain-trend")).IsProblem(HttpStatusCode.Forbidden)
            .Detail!.ShouldContain("'trend'");
        await lee.GetAsync("/clinicians/dr-lee-scope/patients/share-scope/pain-reports?from=2026-11-01&to=2026-11-30");

        var log = (await runner.GetAsync($"{runner.Path}/shares/{share.Id}/access-log")).Is<Page<AccessResponse>>(HttpStatusCode.OK);
        log.Items.Select(a => (a.What, a.ClinicianName, a.From, a.To))
            .ShouldBe([("pain-reports", "Dr Lee", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30))]);
    }

    [Fact]
    public async Task every_read_is_in_the_access_log_newest_first_and_sets_the_last_access()
    {
        var (runner, share) = await SharedAsync("share-log", "entries", "trend");
        var lee = await ClinicianAsync("dr-lee-log");
        await Accept(lee, share.Code!);

        foreach (var what in (string[])["runs", "pain-trend", "training-load", "stretch-sessions"])
            (await lee.GetAsync($"/clinicians/dr-lee-log/patients/share-log/{what}")).Status.ShouldBe(HttpStatusCode.OK, what);

        var log = await runner.AllAsync<AccessResponse>($"{runner.Path}/shares/{share.Id}/access-log", 3);
        log.Select(a => a.What).ShouldBe(["stretch-sessions", "training-load", "pain-trend", "runs"]);
        (await runner.GetAsync($"{runner.Path}/shares/{share.Id}")).Is<ShareResponse>(HttpStatusCode.OK).LastAccessAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task a_revoked_share_is_a_404_at_the_clinicians_very_next_request()
    {
        var (runner, share) = await SharedAsync("share-revoke", "entries");
        var lee = await ClinicianAsync("dr-lee-revoke");
        await Accept(lee, share.Code!);

        (await runner.DeleteAsync($"{runner.Path}/shares/{share.Id}")).IsEmpty(HttpStatusCode.NoContent);

        (await lee.GetAsync("/clinicians/dr-lee-revoke/patients/share-revoke/runs")).IsProblem(HttpStatusCode.NotFound);
        (await lee.GetAsync("/clinicians/dr-lee-revoke/patients")).Is<List<PatientResponse>>(HttpStatusCode.OK).ShouldBeEmpty();
        (await runner.GetAsync($"{runner.Path}/shares/{share.Id}")).Is<ShareResponse>(HttpStatusCode.OK).Status.ShouldBe("revoked");
    }

    [Fact]
    public async Task a_clinician_who_ends_a_share_loses_the_patient_and_the_runner_sees_it_ended()
    {
        var (runner, share) = await SharedAsync("share-end", "entries");
        var lee = await ClinicianAsync("dr-lee-end");
        await Accept(lee, share.Code!);

        (await lee.DeleteAsync("/clinicians/dr-lee-end/patients/share-end")).IsEmpty(HttpStatusCode.NoContent);

        (await lee.GetAsync("/clinicians/dr-lee-end/patients/share-end/runs")).IsProblem(HttpStatusCode.NotFound);
        (await runner.GetAsync($"{runner.Path}/shares/{share.Id}")).Is<ShareResponse>(HttpStatusCode.OK).Status.ShouldBe("ended");
    }

    [Fact]
    public async Task the_runner_reads_the_same_light_as_status()
    {
        var (runner, _) = await SharedAsync("share-status", "trend");

        var status = (await runner.GetAsync($"{runner.Path}/status")).Is<StatusResponse>(HttpStatusCode.OK);

        (status.Light, status.OpenAdvisories).ShouldBe((Light.Red, 0));
    }

    [Fact]
    public async Task a_replayed_share_answer_does_not_carry_the_code()
    {
        var runner = await api.RunnerInBerlinAsync("share-replay");

        var first = (await runner.PostAsync($"{runner.Path}/shares", Terms("trend"), "key-1")).Is<ShareResponse>(HttpStatusCode.Created);
        var replay = await runner.PostAsync($"{runner.Path}/shares", Terms("trend"), "key-1");

        first.Code!.ShouldMatch("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$");
        replay.Replayed.ShouldBeTrue();
        var replayed = replay.Is<ShareResponse>(HttpStatusCode.Created);
        (replayed.Code, replayed.CodeNote).ShouldBe((null, replayed.CodeNote));
        replayed.CodeNote!.ShouldContain("shown only in the first answer");
    }
}
