using HipLog.Api.Http.Problems;
using HipLog.Domain.Stretching;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Stretching;

/// <param name="DurationSeconds">Time spent at an exercise that is not held (the roll-out), per side.</param>
public sealed record HoldResponse(int? BreathsMin, int? BreathsMax, int? Seconds, string Sides, int Sets, int Reps, int? DurationSeconds);

public sealed record ExerciseResponse(
    string Id, string Name, ExerciseKind Kind, IReadOnlyList<string> Targets, HoldResponse Hold,
    IReadOnlyList<string> Steps, IReadOnlyList<string> Cautions, bool CanBePrescribed)
{
    public static ExerciseResponse From(Exercise e) => new(
        e.Id, e.Name, e.Kind, e.Targets,
        new HoldResponse(e.Dose.HoldBreathsMin, e.Dose.HoldBreathsMax, e.Dose.HoldSeconds, e.Dose.EachSide ? "each-side" : "both-together",
            e.Dose.Sets, e.Dose.Reps, e.Dose.DurationSeconds),
        e.Steps, e.Cautions, e.CanBePrescribed);
}

public static class GetCatalogueEndpoint
{
    private static readonly ExerciseResponse[] Catalogue = StretchCatalogue.All.Select(ExerciseResponse.From).ToArray();

    /// <summary>The exercises HipLog knows, with holds, steps and cautions. Public: it holds no runner's data.</summary>
    [WolverineGet("/stretches"), Tags("Stretches"), EndpointSummary("The stretch catalogue"), AllowAnonymous]
    [ProducesResponseType<ExerciseResponse[]>(StatusCodes.Status200OK)]
    public static ExerciseResponse[] Get() => Catalogue;

    [WolverineGet("/stretches/{exerciseId}"), Tags("Stretches"), EndpointSummary("One exercise of the catalogue"), AllowAnonymous]
    [ProducesResponseType<ExerciseResponse>(StatusCodes.Status200OK), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static IResult GetOne(string exerciseId) =>
        Catalogue.FirstOrDefault(e => e.Id == exerciseId) is { } exercise
            ? Results.Ok(exercise)
            : Problem.NotFound($"exercise '{exerciseId}' in the catalogue");
}
