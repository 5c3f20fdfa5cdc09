using System.Text.Json;
using HipLog.Domain.Pain;
using HipLog.Domain.Wire;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;

namespace HipLog.Api.DataRights;

/// <summary>
/// A runner's standing pain reports as FHIR R4 Observations (LOINC 72514-3, pain severity 0–10), built with the
/// Firely SDK so that a clinician's system can import them. HipLog's own options (location, timing, character,
/// the red-flag questions) have no LOINC or SNOMED code that means exactly the same, so they are coded in HipLog's
/// own code systems (urn:hiplog:…) with a display and text a person can read; the side is SNOMED CT's laterality.
/// </summary>
public static class PainObservations
{
    public const string Loinc = "http://loinc.org";
    public const string PainSeverityCode = "72514-3";
    public const string PainSeverityDisplay = "Pain severity - 0-10 verbal numeric rating [Score] - Reported";
    public const string Snomed = "http://snomed.info/sct";
    public const string RunnerIdSystem = "urn:hiplog:runner-id";
    public const string LocationSystem = "urn:hiplog:pain-location";
    public const string ComponentSystem = "urn:hiplog:pain-observation-component";
    public const string TimingSystem = "urn:hiplog:pain-timing";
    public const string CharacterSystem = "urn:hiplog:pain-character";

    private static readonly FhirJsonSerializer Serializer = new();

    /// <summary>The questions a report answers with yes or no, as the API names them.</summary>
    public static readonly IReadOnlyList<(string Code, string Display, Func<RedFlags, bool> Answer)> RedFlagQuestions =
    [
        ("pain-at-rest", "Pain at rest", f => f.PainAtRest),
        ("pain-at-night", "Pain at night", f => f.PainAtNight),
        ("cannot-bear-weight", "Cannot bear weight", f => f.CannotBearWeight),
        ("pain-when-hopping", "Pain when hopping", f => f.PainWhenHopping),
    ];

    public static Observation From(PainReportView report, string displayName)
    {
        var p = report.Report;
        var location = Kebab.Of(p.Location);
        var observation = new Observation
        {
            Id = report.Id.ToString("D"),
            Identifier = [new Identifier("urn:ietf:rfc:3986", $"urn:uuid:{report.Id:D}")],
            // A corrected report is "amended": final once, then changed by the runner.
            Status = report.Corrections > 0 ? ObservationStatus.Amended : ObservationStatus.Final,
            Category = [Concept("http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey")],
            Code = Concept(Loinc, PainSeverityCode, PainSeverityDisplay),
            Subject = Subject(report.RunnerId, displayName),
            Effective = new FhirDateTime(p.ReportedAt),
            Value = new Integer(p.Score),
            BodySite = new CodeableConcept
            {
                Coding = [new Coding(LocationSystem, location, Readable(location))],
                Text = $"{Readable(location)}, {Side(p.Side).Text}",
            },
        };

        observation.Component.Add(Component("laterality", "Side", Side(p.Side).Concept));
        observation.Component.Add(Component("timing", "When the pain was felt",
            Concept(TimingSystem, Kebab.Of(p.Timing), Readable(Kebab.Of(p.Timing)))));
        observation.Component.Add(Component("character", "What the pain felt like",
            Concept(CharacterSystem, Kebab.Of(p.Character), Readable(Kebab.Of(p.Character)))));
        foreach (var (code, display, answer) in RedFlagQuestions)
            observation.Component.Add(new Observation.ComponentComponent { Code = Concept(ComponentSystem, code, display),
                Value = new FhirBoolean(answer(p.RedFlags)) });
        if (p.RunId is { } runId)
            observation.Component.Add(new Observation.ComponentComponent
            {
                Code = Concept(ComponentSystem, "run-id", "The run the pain followed"), Value = new FhirString(runId.ToString("D")),
            });
        if (!string.IsNullOrWhiteSpace(p.Notes))
            observation.Note.Add(new Annotation { Text = new Markdown(p.Notes) });
        return observation;
    }

    /// <summary>Firely's check of cardinalities and value formats; an Observation that fails it is never written.</summary>
    public static void EnsureValid(Observation observation)
    {
        var issues = observation.Validate(NarrativeValidationKind.FhirXhtml, null);
        if (issues.Count > 0)
            throw new InvalidOperationException($"Observation {observation.Id} is not valid FHIR: " +
                $"{string.Join("; ", issues.Select(i => i.Message))}");
    }

    /// <summary>Writes one Bundle entry: its fullUrl, and the Observation as Firely serializes it.</summary>
    public static void WriteEntry(Utf8JsonWriter writer, Observation observation)
    {
        writer.WriteStartObject();
        writer.WriteString("fullUrl", $"urn:uuid:{observation.Id}");
        writer.WritePropertyName("resource");
        Serializer.Serialize(observation, writer, null!);
        writer.WriteEndObject();
    }

    public static ResourceReference Subject(string runnerId, string displayName) =>
        new() { Identifier = new Identifier(RunnerIdSystem, runnerId), Display = displayName };

    private static Observation.ComponentComponent Component(string code, string display, CodeableConcept value) =>
        new() { Code = Concept(ComponentSystem, code, display), Value = value };

    public static CodeableConcept Concept(string system, string code, string display) =>
        new() { Coding = [new Coding(system, code, display)], Text = display };

    /// <summary>SNOMED CT's laterality qualifiers (left, right, right and left).</summary>
    private static (CodeableConcept Concept, string Text) Side(BodySide side) => side switch
    {
        BodySide.Left => (Concept(Snomed, "7771000", "Left"), "left"),
        BodySide.Right => (Concept(Snomed, "24028007", "Right"), "right"),
        _ => (Concept(Snomed, "51440002", "Right and left"), "both sides"),
    };

    private static string Readable(string kebab) => char.ToUpperInvariant(kebab[0]) + kebab[1..].Replace('-', ' ');
}
