using HipLog.Api.DataRights;
using HipLog.Domain.Watch;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.DataRights;

/// <summary>
/// The export is one ZIP of every file, without the webhook secret; its JSON holds every standing entry as the Api
/// answers it.
/// </summary>
[Collection(ExportedHistoryCollection.Name)]
public sealed class exporting_everything(ExportedHistory history)
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
}
