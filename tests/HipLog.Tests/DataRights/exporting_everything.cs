using System.Net;
using System.Text.Json;
using HipLog.Api.DataRights;
using HipLog.Api.Pain;
using HipLog.Api.Profiles;
using HipLog.Api.Runs;
using HipLog.Api.Stretching;
using HipLog.Domain.Pain;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using Hl7.Fhir.Model;
using Marten;
using Task = System.Threading.Tasks.Task;

namespace HipLog.Tests.DataRights;

/// <summary>
/// A runner's two days with every kind of entry (a corrected run, a retracted one, notes that need quoting), a red-flag answer
/// whose advisory the webhook failed to deliver, and the export they take with them: written once, read from the ZIP itself and
/// never from the list endpoints, one thing per test.
/// </summary>
public sealed class ExportedHistory : IAsyncLifetime
{
    public const string Runner = "runner-export";
    public const string Tricky = "Hills, then \"sharp\"\non the stairs";

    private WatchScenario? scenario;

    public string Secret { get; private set; } = "";

    public ProfileResponse Profile { get; private set; } = null!;

    public RunResponse Corrected { get; private set; } = null!;

    public Guid Retracted { get; private set; }

    public PainReportResponse Mild { get; private set; } = null!;

    public PainReportResponse Night { get; private set; } = null!;

    public StretchSessionResponse Stretch { get; private set; } = null!;

    /// <summary>The clinician advisory, as GET /recommendations answers it.</summary>
    public RecommendationPayload Advice { get; private set; } = null!;

    public Export Export { get; private set; } = null!;

    public ExportedLog Log { get; private set; } = null!;

    /// <summary>The events of the runner's own stream, then of their recommendations'.</summary>
    public IReadOnlyList<ExportedEvent> Own => Log.Events.Where(e => e.Stream == Runner).ToList();

    public async Task InitializeAsync()
    {
        scenario = await WatchScenario.StartAsync("export", DateTimeOffset.Parse("2026-11-25T20:00:00Z"),
            settings: WatchScenario.LoopbackWebhooks);
        var runner = scenario.Api.Runner(Runner);
        // Nothing listens on the discard port: every attempt fails, and each is recorded.
        Profile = await runner.Profiles.SetAsync(Sample.Profile("Ana") with { WebhookUrl = "http://127.0.0.1:9/hook" });
        Secret = Profile.WebhookSecret!;

        var corrected = await runner.Runs.CreateAsync(Sample.Run("2026-11-24T07:10:00+01:00") with { Notes = Tricky });
        Retracted = (await runner.Runs.CreateAsync(Sample.Run("2026-11-25T07:10:00+01:00"))).Id;
        Corrected = await runner.Runs.CorrectAsync(corrected.Id, Sample.Run("2026-11-24T07:10:00+01:00", 9.1) with { Notes = Tricky });
        (await runner.Runs.RetractAsync(Retracted)).IsEmpty(HttpStatusCode.NoContent);
        Mild = await runner.Pain.CreateAsync(Sample.Pain("2026-11-24T09:00:00+01:00", 3) with { Notes = Tricky, RunId = Corrected.Id });
        Night = await runner.Pain.CreateAsync(Sample.Pain("2026-11-25T20:30:00+01:00", 5) with
        {
            Timing = PainTiming.AtNight, RedFlags = new(PainAtNight: true), Notes = null,
        });
        Stretch = await runner.Stretching.CreateAsync(Sample.Session("2026-11-25T19:00:00+01:00") with
        {
            Notes = "90/90, then \"lizard\"",
        });

        var advice = await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Delivered, "the clinician advisory");
        await Eventually.Get(async () =>
        {
            await using var session = scenario.Api.Store.QuerySession();
            return await session.Query<WebhookDelivery>().Where(d => d.RunnerId == Runner)
                .FirstOrDefaultAsync() is { Attempts.Count: > 0 } d ? d : null;
        }, "a failed webhook attempt");

        Export = await runner.DataRights.ExportAsync();
        Log = Export.Log;
        Advice = await runner.Watch.ReadAsync(advice.Id);
    }

    public async Task DisposeAsync()
    {
        if (scenario is not null)
            await scenario.DisposeAsync();
    }
}

[Collection(PainWatchCollection.Name)]
public sealed class exporting_everything(ExportedHistory history) : IClassFixture<ExportedHistory>
{
    private const string Runner = ExportedHistory.Runner;
    private const string Tricky = ExportedHistory.Tricky;
    private readonly Export export = history.Export;
    private readonly ExportedLog log = history.Log;

    [Fact]
    public void the_export_is_one_zip_named_for_the_runner()
    {
        (export.MediaType, export.ContentDisposition).ShouldBe(("application/zip", $"attachment; filename=\"hiplog-export-{Runner}.zip\""));
    }

    [Fact]
    public void the_zip_holds_every_file()
    {
        export.Files.Keys.Order().ShouldBe(Export.Names.Order());
    }

    [Fact]
    public void the_webhook_secret_is_never_exported()
    {
        var key = history.Secret["whsec_".Length..];

        export.Files.Values.ShouldAllBe(text => !text.Contains(history.Secret));
        export.Files.Values.ShouldAllBe(text => !text.Contains(key));
    }

    [Fact]
    public void the_json_names_its_runner()
    {
        log.RunnerId.ShouldBe(Runner);
    }

    [Fact]
    public void the_profile_is_exported_as_set_without_its_secret()
    {
        // The record has no secret field, and the export is read strictly: a field of the profile's it does not know fails the test.
        var p = history.Profile;
        log.Profile.ShouldBe(new ExportedProfile(p.Id, "Ana", p.TimeZone, p.ReminderTime, p.QuietHours, "http://127.0.0.1:9/hook",
            p.WebhookDisabled, p.RegisteredAt, p.UpdatedAt));
    }

    [Fact]
    public void the_standing_runs_are_exported_as_the_api_answers_them()
    {
        log.Runs.ShouldBe([history.Corrected]);
        (history.Corrected.DistanceKm, history.Corrected.Corrections, history.Corrected.Notes).ShouldBe((9.1, 1, Tricky));
    }

    [Fact]
    public void the_standing_pain_reports_are_exported_as_the_api_answers_them()
    {
        log.PainReports.ShouldBe([history.Mild, history.Night]);
    }

    [Fact]
    public void the_stretch_sessions_are_exported_as_the_api_answers_them()
    {
        log.StretchSessions.ShouldReadAs([history.Stretch]);
    }

    [Fact]
    public void a_recommendation_is_exported_as_the_runners_inbox_shows_it()
    {
        var recommendation = log.Recommendations.ShouldHaveSingleItem().Recommendation;

        recommendation.ShouldReadAs(history.Advice);
        recommendation.Kind.ShouldBe(RecommendationKind.ClinicianReferral);
    }

    [Fact]
    public void a_recommendation_is_exported_with_the_statuses_it_went_through()
    {
        log.Recommendations.Single().StatusHistory.Select(s => (s.Status, s.Version, s.Event))
            .ShouldBe([(RecommendationStatus.Scheduled, 1L, "pain-rise-detected"),
                (RecommendationStatus.Delivered, 2L, "clinician-referral-advised")]);
    }

    [Fact]
    public void a_webhook_delivery_is_exported_with_its_attempts_by_category()
    {
        var delivery = log.WebhookDeliveries.ShouldHaveSingleItem();

        delivery.RecommendationId.ShouldBe(history.Advice.Id);
        delivery.Attempts[0].Error.ShouldBe("connection-failed");
    }

    [Fact]
    public void every_event_of_the_runners_log_is_exported_in_the_order_written()
    {
        var own = history.Own;

        own.Select(e => e.Type).ShouldBe([
            "runner-registered", "run-logged", "run-logged", "run-corrected", "run-retracted", "pain-reported", "pain-reported",
                "stretch-session-completed"]);
        own.Select(e => e.Version).ShouldBe([1, 2, 3, 4, 5, 6, 7, 8]);
        own.Select(e => e.Sequence).ShouldBeInOrder();
    }

    [Fact]
    public void a_retracted_runs_events_are_exported_too()
    {
        history.Own.Where(e => e.Data.TryGetProperty("runId", out var id) && id.GetGuid() == history.Retracted).Select(e => e.Type)
            .ShouldBe(["run-logged", "run-retracted"]);
    }

    [Fact]
    public void events_are_dated_on_the_runners_clock()
    {
        history.Own.ShouldAllBe(e => e.RecordedAt.OnTheirClock().EndsWith("+01:00"));
    }

    [Fact]
    public void event_data_is_in_the_wire_format()
    {
        history.Own[1].Data.GetProperty("run").GetProperty("surface").GetString().ShouldBe("trail");
    }

    [Fact]
    public void the_recommendations_events_follow_the_runners()
    {
        var id = history.Advice.Id;

        log.Events.Skip(history.Own.Count).Select(e => $"{e.Stream} {e.Version} {e.Type}")
            .ShouldBe([$"{id} 1 pain-rise-detected", $"{id} 2 clinician-referral-advised"]);
    }

    [Fact]
    public void runs_csv_has_a_row_per_standing_run()
    {
        var runs = export.Csv("runs.csv");

        runs.Count.ShouldBe(2);
        Export.Row(runs, 0)["id"].ShouldBe(history.Corrected.Id.ToString());
        export.Files["runs.csv"].ShouldNotContain(history.Retracted.ToString());
    }

    [Fact]
    public void runs_csv_writes_the_distance_in_km_with_the_start_on_the_runners_clock()
    {
        var run = Export.Row(export.Csv("runs.csv"), 0);

        (run["distanceKm"], run["startedAt"]).ShouldBe(("9.1", "2026-11-24T07:10:00+01:00"));
    }

    [Fact]
    public void notes_come_through_csv_quoting_intact()
    {
        Export.Row(export.Csv("runs.csv"), 0)["notes"].ShouldBe(Tricky);
        Export.Row(export.Csv("pain-reports.csv"), 0)["notes"].ShouldBe(Tricky);
        Export.Row(export.Csv("stretch-sessions.csv"), 0)["notes"].ShouldBe("90/90, then \"lizard\"");
    }

    [Fact]
    public void pain_reports_csv_has_the_documented_columns()
    {
        export.Csv("pain-reports.csv")[0].ShouldBe(["id", "reportedAt", "score", "location", "side", "timing", "character", "runId",
            "painAtRest", "painAtNight", "cannotBearWeight", "painWhenHopping", "notes", "corrections"]);
    }

    [Fact]
    public void pain_reports_csv_has_a_row_per_standing_report_with_its_run_and_red_flags()
    {
        var pain = export.Csv("pain-reports.csv");

        pain.Skip(1).Select(r => r[0]).ShouldBe([history.Mild.Id.ToString(), history.Night.Id.ToString()]);
        Export.Row(pain, 0)["runId"].ShouldBe(history.Corrected.Id.ToString());
        Export.Row(pain, 1)["painAtNight"].ShouldBe("true");
    }

    [Fact]
    public void stretch_sessions_csv_writes_each_exercise_in_words()
    {
        Export.Row(export.Csv("stretch-sessions.csv"), 0)["exercises"].ShouldBe("lizard-lower-lunge both 8 breaths 1x1");
    }

    [Fact]
    public void recommendations_csv_has_a_row_per_recommendation_with_its_status_and_reasons()
    {
        var recommendations = export.Csv("recommendations.csv");

        recommendations.Count.ShouldBe(2);
        var row = Export.Row(recommendations, 0);
        (row["status"], row["reasons"]).ShouldBe(("delivered", "red-flag:pain-at-night"));
    }

    /// <summary>One Observation per standing pain report, as a clinician's system would read it.</summary>
    private List<Observation> Observations() => export.Fhir().Entry.Select(e => e.Resource).Cast<Observation>().ToList();

    [Fact]
    public void the_fhir_bundle_is_a_collection_of_one_observation_per_standing_report()
    {
        var bundle = export.Fhir();

        bundle.Type.ShouldBe(Bundle.BundleType.Collection);
        Observations().Select(o => o.Id).ShouldBe([history.Mild.Id.ToString(), history.Night.Id.ToString()]);
        bundle.Entry.ShouldAllBe(e => e.FullUrl == "urn:uuid:" + e.Resource!.Id);
    }

    [Fact]
    public void an_observation_is_a_loinc_pain_score()
    {
        var observations = Observations();

        observations.ShouldAllBe(o => o.Code!.Coding.Any(c => c.System == "http://loinc.org" && c.Code == "72514-3"));
        observations.Select(o => ((Integer)o.Value!).Value).ShouldBe([3, 5]);
    }

    [Fact]
    public void an_observation_is_dated_on_the_runners_clock()
    {
        ((FhirDateTime)Observations()[0].Effective!).Value.ShouldBe("2026-11-24T09:00:00+01:00");
    }

    [Fact]
    public void an_observation_names_its_body_site_with_the_side_coded()
    {
        var mild = Observations()[0];

        mild.BodySite!.Coding.Single().Code.ShouldBe("front-hip");
        mild.BodySite!.Text.ShouldBe("Front hip, left");
        Component(mild, "laterality").ShouldBe("7771000");
    }

    [Fact]
    public void an_observation_keeps_the_runners_note()
    {
        Observations()[0].Note.Single().Text!.ToString().ShouldBe(Tricky);
    }

    [Fact]
    public void an_observation_names_the_runner_as_its_subject()
    {
        Observations()[0].Subject!.Identifier!.Value.ShouldBe(Runner);
    }

    [Fact]
    public void an_observation_gives_the_timing_as_a_component()
    {
        Observations().Select(o => Component(o, "timing")).ShouldBe(["after-run", "at-night"]);
    }

    [Fact]
    public void an_observation_gives_each_red_flag_as_a_component()
    {
        Observations().Select(o => Component(o, "pain-at-night")).ShouldBe(["false", "true"]);
    }

    private static string Component(Observation observation, string code) =>
        observation.Component.Single(c => c.Code!.Coding.Any(x => x.Code == code)).Value switch
        {
            CodeableConcept concept => concept.Coding.Single().Code!,
            FhirBoolean flag => flag.Value!.Value ? "true" : "false",
            var other => other?.ToString() ?? "",
        };
}

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
