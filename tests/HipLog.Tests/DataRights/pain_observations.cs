using System.Text;
using System.Text.Json;
using HipLog.Api.DataRights;
using HipLog.Domain.Pain;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;

namespace HipLog.Tests.DataRights;

public sealed class pain_observations
{
    public static TheoryData<PainLocation, BodySide, PainTiming> EveryAnswer()
    {
        var data = new TheoryData<PainLocation, BodySide, PainTiming>();
        foreach (var location in Enum.GetValues<PainLocation>())
            foreach (var side in Enum.GetValues<BodySide>())
                data.Add(location, side, Enum.GetValues<PainTiming>()[((int)location + (int)side) % 6]);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryAnswer))]
    public void every_answer_a_runner_can_give_makes_a_valid_observation_that_firely_reads_back(PainLocation location, BodySide side,
        PainTiming timing)
    {
        var id = Guid.CreateVersion7();
        var report = new PainReportView(id, "alice", new PainDetails(7, location, side, timing, PainCharacter.Sharp, Guid.CreateVersion7(),
            new RedFlags(true, false, true, false), "ache, \"sharp\"\nat night", DateTimeOffset.Parse("2026-11-25T09:00:00-05:00")), 1);

        var observation = PainObservations.From(report, "Alice");
        observation.Validate(NarrativeValidationKind.FhirXhtml, null).ShouldBeEmpty();

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
            PainObservations.WriteEntry(writer, observation);
        var entry = JsonDocument.Parse(buffer.ToArray()).RootElement;
        entry.GetProperty("fullUrl").GetString().ShouldBe($"urn:uuid:{id}");
        var read = new FhirJsonDeserializer(new DeserializerSettings().UsingMode(DeserializationMode.Strict, null))
            .Deserialize<Observation>(entry.GetProperty("resource").GetRawText());

        read.Status.ShouldBe(ObservationStatus.Amended);
        read.Code!.Coding.Single().Code.ShouldBe("72514-3");
        ((Integer)read.Value!).Value.ShouldBe(7);
        ((FhirDateTime)read.Effective!).Value.ShouldBe("2026-11-25T09:00:00-05:00");
        read.BodySite!.Coding.Single().Code.ShouldBe(HipLog.Domain.Wire.Kebab.Of(location));
        read.Component.Select(c => c.Code!.Coding.Single().Code).ShouldBe(
            ["laterality", "timing", "character", "pain-at-rest", "pain-at-night", "cannot-bear-weight", "pain-when-hopping", "run-id"]);
        read.Component.Where(c => c.Value is FhirBoolean).Select(c => ((FhirBoolean)c.Value!).Value).ShouldBe([true, false, true, false]);
        read.Note.Single().Text.ShouldBe("ache, \"sharp\"\nat night");
        Encoding.UTF8.GetString(buffer.ToArray()).ShouldNotContain("\"\"", customMessage: "no empty strings");
    }
}
