using HipLog.Api.Http.Problems;
using HipLog.Api.Http.Writes;
using HipLog.Api.Profiles;
using HipLog.Domain.Watch;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.Watch;

/// <summary>"Seen it": a routine or advice the runner has read. Acknowledging again changes nothing.</summary>
public static class AcknowledgeRecommendationEndpoint
{
    public static Task<TimeZoneInfo> LoadAsync(string runnerId, IDocumentSession session, CancellationToken ct)
        => RunnerZone.LoadAsync(session, runnerId, ct);

    public static ProblemDetails Validate(string runnerId, RecommendationView? recommendation) =>
        Answers.Check(runnerId, recommendation, RecommendationStatus.Acknowledged);

    [WolverinePost("/runners/{runnerId}/recommendations/{recommendationId}/acknowledge"), Tags("Recommendations")]
    [EndpointSummary("Acknowledge a recommendation")]
    [ProducesResponseType<RecommendationPayload>(StatusCodes.Status200OK),
        ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public static (Written<RecommendationPayload>,
        Events) Post([WriteAggregate("recommendationId", Required = false)] RecommendationView recommendation,
        [NotBody] TimeZoneInfo zone, TimeProvider clock) =>
        Answers.Answer(recommendation, Inbox.Acknowledge(recommendation, clock.GetUtcNow()), zone);
}

/// <summary>"Not for me": a recommendation the runner will not follow. Dismissing again changes nothing.</summary>
public static class DismissRecommendationEndpoint
{
    public static Task<TimeZoneInfo> LoadAsync(string runnerId, IDocumentSession session, CancellationToken ct)
        => RunnerZone.LoadAsync(session, runnerId, ct);

    public static ProblemDetails Validate(string runnerId, RecommendationView? recommendation) =>
        Answers.Check(runnerId, recommendation, RecommendationStatus.Dismissed);

    [WolverinePost("/runners/{runnerId}/recommendations/{recommendationId}/dismiss"), Tags("Recommendations")]
    [EndpointSummary("Dismiss a recommendation")]
    [ProducesResponseType<RecommendationPayload>(StatusCodes.Status200OK),
        ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public static (Written<RecommendationPayload>,
        Events) Post([WriteAggregate("recommendationId", Required = false)] RecommendationView recommendation,
        [NotBody] TimeZoneInfo zone, TimeProvider clock) =>
        Answers.Answer(recommendation, Inbox.Dismiss(recommendation, clock.GetUtcNow()), zone);
}

internal static class Answers
{
    /// <summary>Another runner's recommendation is as absent as one that never existed; a closed one can no longer be answered.</summary>
    public static ProblemDetails Check(string runnerId, RecommendationView? recommendation, RecommendationStatus answer) =>
        recommendation is null || recommendation.RunnerId != runnerId ? Problem.Missing("recommendation with this id for this runner")
        : Inbox.Refusal(recommendation, answer) is { } refusal
            ? new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "The recommendation is closed", Detail = refusal }
            : WolverineContinue.NoProblems;

    /// <summary>The recommendation as the answer leaves it, in the runner's zone.</summary>
    public static (Written<RecommendationPayload>, Events) Answer(RecommendationView recommendation, RecommendationChange? change,
        TimeZoneInfo zone) =>
        change is null
            ? (Written.Ok(RecommendationPayload.From(recommendation, zone)), [])
            : (Written.Ok(RecommendationPayload.From(change.After, zone)), [change.Event]);
}
