using HipLog.Api.DataRights;
using HipLog.Domain.Pain;
using HipLog.Domain.Profiles;
using HipLog.Domain.Runs;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Marten;

namespace HipLog.Api.Sharing;

/// <summary>
/// A patient's FHIR R4 Bundle (collection) for a clinician's system: the same pain and heart-rate Observations as the
/// runner's export, from the share's first day on, each checked by Firely before it is written.
/// </summary>
public static class PatientBundle
{
    public const string ContentType = "application/fhir+json";
    private static readonly FhirJsonSerializer Serializer = new();

    public static async Task<IResult> ReadAsync(string runnerId, PatientRead read, IQuerySession session, TimeProvider clock,
        CancellationToken ct)
    {
        var since = read.VisibleFrom;
        var name = (await session.LoadAsync<RunnerProfile>(runnerId, ct))?.DisplayName ?? runnerId;
        var reports = await session.Query<PainReportView>().Where(v => v.RunnerId == runnerId && v.OccurredAt >= since)
            .OrderBy(v => v.OccurredAt).ThenBy(v => v.Id).ToListAsync(ct);
        var runs = await session.Query<RunView>().Where(v => v.RunnerId == runnerId && v.OccurredAt >= since)
            .OrderBy(v => v.OccurredAt).ThenBy(v => v.Id).ToListAsync(ct);
        var observations = reports.Select(r => PainObservations.From(r, name))
            .Concat(runs.Select(r => HeartRateObservations.From(r, name)).OfType<Observation>()).ToList();
        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Timestamp = clock.GetUtcNow() };
        foreach (var observation in observations)
        {
            PainObservations.EnsureValid(observation);
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:uuid:{observation.Id}", Resource = observation });
        }

        return Results.Text(Serializer.SerializeToString(bundle), ContentType);
    }
}
