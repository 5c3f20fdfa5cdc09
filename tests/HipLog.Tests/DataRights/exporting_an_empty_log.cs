using System.Net;
using HipLog.Api.DataRights;
using HipLog.Api.Profiles;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.DataRights;

public sealed class exporting_an_empty_log(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    private async Task<(ProfileResponse Profile, Export Export)> OnlyAProfile(string runnerId)
    {
        var runner = api.Runner(runnerId);
        var profile = await runner.Profiles.SetAsync(Sample.Profile("Eve", "Europe/Lisbon"));
        return (profile, await runner.DataRights.ExportAsync());
    }

    [Fact]
    public async Task a_runner_with_only_a_profile_gets_every_file()
    {
        var (_, export) = await OnlyAProfile("runner-export-files");

        export.Files.Keys.Order().ShouldBe(Export.Names.Order());
    }

    [Fact]
    public async Task a_runner_with_only_a_profile_gets_their_profile_with_empty_lists()
    {
        var (profile, export) = await OnlyAProfile("runner-export-empty");

        var log = export.Log;
        log.Profile.ShouldBe(new ExportedProfile(profile.Id, "Eve", "Europe/Lisbon", profile.ReminderTime, null, null, null,
            profile.RegisteredAt, profile.UpdatedAt));
        new[] { log.Runs.Count, log.PainReports.Count, log.StretchSessions.Count, log.Recommendations.Count, log.WebhookDeliveries.Count }
            .ShouldAllBe(count => count == 0);
        log.Events.Select(e => e.Type).ShouldBe(["runner-registered"]);
    }

    [Fact]
    public async Task a_runner_with_only_a_profile_gets_csvs_of_their_headers_alone()
    {
        var (_, export) = await OnlyAProfile("runner-export-csv");

        foreach (var csv in new[] { "runs.csv", "pain-reports.csv", "stretch-sessions.csv", "recommendations.csv" })
            export.Csv(csv).Count.ShouldBe(1, csv);
    }

    [Fact]
    public async Task a_runner_with_only_a_profile_gets_an_empty_fhir_bundle()
    {
        var (_, export) = await OnlyAProfile("runner-export-fhir");

        export.Fhir().Entry.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_runner_who_logged_before_making_a_profile_still_gets_their_log()
    {
        var runner = api.Runner("runner-export-noprofile");
        var run = await runner.Runs.CreateAsync();

        var log = (await runner.DataRights.ExportAsync()).Log;

        log.Profile.ShouldBeNull();
        log.Runs.ShouldBe([run]);
    }

    [Fact]
    public async Task a_runner_of_whom_nothing_is_recorded_gets_a_404()
    {
        (await api.Runner("runner-export-nobody").DataRights.GetExportAsync()).IsProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task another_runners_export_is_a_403()
    {
        await api.Runner("runner-export-owner").Profiles.SetAsync(Sample.Profile("Olga", "UTC"));

        (await api.Runner("runner-export-owner", api.ClientFor("runner-export-other")).DataRights.GetExportAsync())
            .IsProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task an_export_without_a_token_is_a_401()
    {
        await api.Runner("runner-export-anon").Profiles.SetAsync(Sample.Profile("Olga", "UTC"));

        (await api.Runner("runner-export-anon", api.CreateClient()).DataRights.GetExportAsync()).Status
            .ShouldBe(HttpStatusCode.Unauthorized);
    }
}
