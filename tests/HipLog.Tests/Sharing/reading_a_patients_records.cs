using System.Net;
using System.Text.Json;
using HipLog.Api.Sharing;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using Bundle = Hl7.Fhir.Model.Bundle;
using FhirDateTime = Hl7.Fhir.Model.FhirDateTime;
using Observation = Hl7.Fhir.Model.Observation;
using Hl7.Fhir.Serialization;
using Npgsql;

namespace HipLog.Tests.Sharing;

/// <summary>
/// The summary page and the FHIR Bundle through a share, the runner's export of their shares, and a clinician's erasure, through
/// the real Api.
/// </summary>
public sealed class reading_a_patients_records(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Marker = "MARKER-dr-q8v2";
    private const string ErasedClinician = "records-erase-lee";
    private readonly HipLogApi api = fixture.Api;

    private async Task<(RunnerClient Runner, ShareResponse Share, RunnerClient Clinician)> SharedAsync(string runnerId, string clinicianId,
        params string[] scope)
    {
        var runner = await api.RunnerInBerlinAsync(runnerId);
        await runner.Pain.CreateAsync(Sample.Pain("2026-08-02T19:00:00+02:00", 4));
        await runner.Pain.CreateAsync(Sample.Pain("2026-11-25T19:00:00+01:00", 3));
        var share = (await runner.PostAsync($"{runner.Path}/shares", new { label = "physio", scope, from = "2026-09-01" }))
            .Is<ShareResponse>(HttpStatusCode.Created);
        var clinician = api.Clinician(clinicianId);
        // Only the clinician erased below carries the marker: the other tests' clinicians stay.
        await clinician.PutAsync($"/clinicians/{clinicianId}/profile",
            new { displayName = clinicianId == ErasedClinician ? $"Dr Lee {Marker}" : "Dr Lee" });
        (await clinician.PostAsync($"/clinicians/{clinicianId}/patients", new { code = share.Code })).Status
            .ShouldBe(HttpStatusCode.Created);
        return (runner, share, clinician);
    }

    [Fact]
    public async Task the_fhir_bundle_holds_the_observations_from_the_shares_first_day()
    {
        var (_, _, lee) = await SharedAsync("records-fhir", "records-fhir-lee", "fhir");

        var answer = await lee.GetAsync("/clinicians/records-fhir-lee/patients/records-fhir/fhir");

        answer.MediaType.ShouldBe("application/fhir+json");
        var bundle = new FhirJsonDeserializer().Deserialize<Bundle>(answer.Body);
        bundle.Entry.Select(e => ((FhirDateTime)((Observation)e.Resource!).Effective!).Value).ShouldBe(["2026-11-25T19:00:00+01:00"]);
    }

    [Fact]
    public async Task no_answer_leaves_before_its_read_is_in_the_access_log()
    {
        var (runner, share, lee) = await SharedAsync("records-logged", "records-logged-lee", "entries");
        const string runs = "/clinicians/records-logged-lee/patients/records-logged/runs";
        (await lee.GetAsync(runs)).Status.ShouldBe(HttpStatusCode.OK);

        // The log's commit runs beside the read: while its entry cannot be written, the read's answer waits.
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var holding = await connection.BeginTransactionAsync();
        await new NpgsqlCommand("lock table hiplog.mt_doc_shareaccess in share row exclusive mode", connection, holding)
            .ExecuteNonQueryAsync();
        var reading = lee.GetAsync(runs);
        (await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(1)))).ShouldNotBe(reading, "an answer before its log entry");
        await holding.CommitAsync();

        (await reading).Status.ShouldBe(HttpStatusCode.OK);
        (await runner.GetAsync($"{runner.Path}/shares/{share.Id}/access-log")).Is<Api.Http.Lists.Page<AccessResponse>>(HttpStatusCode.OK)
            .Items.Count.ShouldBe(2);
    }

    [Fact]
    public async Task the_summary_page_shows_nothing_before_the_shares_first_day()
    {
        var (_, _, lee) = await SharedAsync("records-summary", "records-summary-lee", "summary");

        var page = await lee.GetAsync("/clinicians/records-summary-lee/patients/records-summary/clinician-summary?weeks=20");

        page.Status.ShouldBe(HttpStatusCode.OK);
        page.MediaType.ShouldBe("text/html");
        page.Body.ShouldNotContain("2026-08-02");
        page.Body.ShouldNotContain("Aug 2");
        (await lee.GetAsync("/clinicians/records-summary-lee/patients/records-summary/clinician-summary?weeks=99"))
            .IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe(["weeks"]);
    }

    [Fact]
    public async Task the_runners_export_holds_each_share_with_its_access_log()
    {
        var (runner, share, lee) = await SharedAsync("records-export", "records-export-lee", "trend");
        await lee.GetAsync("/clinicians/records-export-lee/patients/records-export/pain-trend");

        var export = JsonDocument.Parse((await runner.DataRights.ExportAsync()).Files["hiplog-export.json"]).RootElement;

        var exported = export.GetProperty("shares").EnumerateArray().Single();
        exported.GetProperty("share").GetProperty("id").GetGuid().ShouldBe(share.Id);
        exported.GetProperty("share").TryGetProperty("code", out _).ShouldBeFalse();
        exported.GetProperty("accessLog").EnumerateArray().Select(a => a.GetProperty("what").GetString()).ShouldBe(["pain-trend"]);
    }

    [Fact]
    public async Task an_erased_clinicians_shares_end_and_the_access_log_names_them_erased()
    {
        var (runner, share, lee) = await SharedAsync("records-erase", "records-erase-lee", "entries");
        await lee.GetAsync("/clinicians/records-erase-lee/patients/records-erase/runs");

        (await lee.DeleteAsync("/clinicians/records-erase-lee")).IsEmpty(HttpStatusCode.NoContent);

        (await runner.GetAsync($"{runner.Path}/shares/{share.Id}")).Is<ShareResponse>(HttpStatusCode.OK)
            .ShouldSatisfyAllConditions(s => s.Status.ShouldBe("ended"), s => s.ClinicianName.ShouldBe("erased clinician"));
        var log = (await runner.GetAsync($"{runner.Path}/shares/{share.Id}/access-log"))
            .Is<Api.Http.Lists.Page<AccessResponse>>(HttpStatusCode.OK).Items.Single();
        (log.What, log.ClinicianId, log.ClinicianName).ShouldBe(("runs", "records-erase-lee", "erased clinician"));
        (await lee.GetAsync("/clinicians/records-erase-lee/profile")).IsProblem(HttpStatusCode.NotFound);
        (await TableScan.RowsHolding(api.ConnectionString, Marker)).ShouldBeEmpty();
        (await lee.DeleteAsync("/clinicians/records-erase-lee")).IsEmpty(HttpStatusCode.NoContent);
    }
}
