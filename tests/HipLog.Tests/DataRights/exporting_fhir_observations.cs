using HipLog.Tests.Support.Clients;
using Hl7.Fhir.Model;

namespace HipLog.Tests.DataRights;

/// <summary>The export's FHIR bundle: an Observation per standing pain report, as a clinician's system would read it.</summary>
[Collection(ExportedHistoryCollection.Name)]
public sealed class exporting_fhir_observations(ExportedHistory history)
{
    private const string Runner = ExportedHistory.Runner;
    private const string Tricky = ExportedHistory.Tricky;
    private readonly Export export = history.Export;

    /// <summary>One Observation per standing pain report, as a clinician's system would read it.</summary>
    private List<Observation> Observations() => All().Where(o => o.Code!.Coding.Any(c => c.Code == "72514-3")).ToList();

    private List<Observation> All() => export.Fhir().Entry.Select(e => e.Resource).Cast<Observation>().ToList();

    [Fact]
    public void a_runs_heart_rate_is_a_vital_signs_observation_over_the_runs_period()
    {
        var heartRate = All().Single(o => o.Code!.Coding.Any(c => c.System == "http://loinc.org" && c.Code == "8867-4"));

        heartRate.Id.ShouldBe(history.Corrected.Id.ToString());
        heartRate.Category.Single().Coding.Single().Code.ShouldBe("vital-signs");
        var value = (Quantity)heartRate.Value!;
        (value.Value, value.System, value.Code).ShouldBe((148m, "http://unitsofmeasure.org", "/min"));
        ((Quantity)heartRate.Component.Single(c => c.Code.Coding[0].Code == "maximum").Value!).Value.ShouldBe(172m);
        var period = (Period)heartRate.Effective!;
        (period.Start, period.End).ShouldBe(("2026-11-24T07:10:00+01:00", "2026-11-24T07:55:00+01:00"));
        heartRate.Status.ShouldBe(ObservationStatus.Amended);
    }

    [Fact]
    public void the_fhir_bundle_is_a_collection_of_one_observation_per_standing_report()
    {
        var bundle = export.Fhir();

        bundle.Type.ShouldBe(Bundle.BundleType.Collection);
        All().Select(o => o.Id).ShouldBe([history.Mild.Id.ToString(), history.Night.Id.ToString(), history.Corrected.Id.ToString()]);
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
