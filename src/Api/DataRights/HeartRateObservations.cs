using HipLog.Domain.Runs;
using Hl7.Fhir.Model;

namespace HipLog.Api.DataRights;

/// <summary>
/// A run's heart rate as a FHIR R4 vital-signs Observation: LOINC 8867-4 over the run's period, the average in beats per
/// minute (UCUM "/min") as its value, and the highest as a component in HipLog's own code system, since no LOINC code
/// means "the highest heart rate of one exercise session".
/// </summary>
public static class HeartRateObservations
{
    public const string HeartRateCode = "8867-4";
    public const string ComponentSystem = "urn:hiplog:heart-rate-component";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string CategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";

    /// <summary>None for a run without an average heart rate.</summary>
    public static Observation? From(RunView run, string displayName)
    {
        if (run.Run.AvgHeartRate is not { } average)
            return null;
        var r = run.Run;
        var observation = new Observation
        {
            Id = run.Id.ToString("D"),
            Identifier = [new Identifier("urn:ietf:rfc:3986", $"urn:uuid:{run.Id:D}")],
            Status = run.Corrections > 0 ? ObservationStatus.Amended : ObservationStatus.Final,
            Category = [PainObservations.Concept(CategorySystem, "vital-signs", "Vital Signs")],
            Code = PainObservations.Concept(PainObservations.Loinc, HeartRateCode, "Heart rate"),
            Subject = PainObservations.Subject(run.RunnerId, displayName),
            Effective = new Period(new FhirDateTime(r.StartedAt), new FhirDateTime(r.StartedAt.AddSeconds(r.DurationSeconds))),
            Value = BeatsPerMinute(average),
        };
        if (r.MaxHeartRate is { } maximum)
            observation.Component.Add(new Observation.ComponentComponent
            {
                Code = PainObservations.Concept(ComponentSystem, "maximum", "Highest heart rate of the run"),
                Value = BeatsPerMinute(maximum),
            });
        observation.Component.Add(new Observation.ComponentComponent
        {
            Code = PainObservations.Concept(ComponentSystem, "run-id", "The run measured"), Value = new FhirString(run.Id.ToString("D")),
        });
        return observation;
    }

    private static Quantity BeatsPerMinute(int value) => new() { Value = value, Unit = "beats/minute", System = Ucum, Code = "/min" };
}
