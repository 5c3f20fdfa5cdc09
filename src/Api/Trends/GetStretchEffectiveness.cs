using HipLog.Domain.Trends;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Trends;

/// <param name="Sessions">Sessions that held the exercise.</param>
/// <param name="RatedSessions">Those with pain rated both before and after.</param>
/// <param name="MeanPainChange">Mean of (after − before) over the rated sessions: negative means the pain eased; null before any.</param>
/// <param name="TimesRaised">Rated sessions after which the pain was higher than before.</param>
public sealed record ExerciseEffectResponse(string ExerciseId, int Sessions, int RatedSessions, double? MeanPainChange, int TimesRaised);

/// <summary>Like every report, it names the runner it is about.</summary>
public sealed record StretchEffectivenessResponse(string RunnerId, IReadOnlyList<ExerciseEffectResponse> Exercises)
{
    // The stored running total only serves to keep the mean exact; the answer gives the mean.
    public static StretchEffectivenessResponse From(string runnerId, StretchEffectiveness? stored) => new(runnerId,
        (stored?.Exercises ?? [])
            .Select(e => new ExerciseEffectResponse(e.ExerciseId, e.Sessions, e.RatedSessions, e.MeanPainChange, e.TimesRaised)).ToList());
}

public static class GetStretchEffectivenessEndpoint
{
    /// <summary>Per exercise: sessions done, and the mean change of pain across them (after − before; negative means it eased).</summary>
    [WolverineGet("/runners/{runnerId}/stretch-effectiveness"), Tags("Trends"),
        EndpointSummary("How each exercise has worked for the runner")]
    [ProducesResponseType<StretchEffectivenessResponse>(StatusCodes.Status200OK)]
    public static async Task<StretchEffectivenessResponse> Get(string runnerId, IQuerySession session, CancellationToken ct) =>
        StretchEffectivenessResponse.From(runnerId, await session.LoadAsync<StretchEffectiveness>(runnerId, ct));
}
