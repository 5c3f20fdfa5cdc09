using Marten.Events.Projections;

namespace HipLog.Domain.Runs;

/// <summary>One document per run, so a date-range query reads an index instead of a whole training log.</summary>
public sealed record RunView(
    Guid Id,
    string RunnerId,
    DateTimeOffset StartedAt,
    double DistanceKm,
    int DurationSeconds,
    int PerceivedEffort,
    Surface Surface,
    string? RouteName,
    string? Shoes,
    string? Notes);

public sealed partial class RunViewProjection : MultiStreamProjection<RunView, Guid>
{
    public RunViewProjection()
    {
        Identity<RunLogged>(e => e.RunId);
    }

    public static RunView Create(RunLogged e) =>
        new(e.RunId, e.RunnerId, e.StartedAt, e.DistanceKm, e.DurationSeconds, e.PerceivedEffort, e.Surface, e.RouteName, e.Shoes, e.Notes);
}
