using HipLog.Api.Infrastructure;
using HipLog.Domain.Runners;
using HipLog.Domain.Trends;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Trends;

/// <param name="AsOf">The range's last day, or today if that is earlier.</param>
public sealed record TrainingLoadCurrent(DateOnly AsOf, double Acute, double Chronic, double? Ratio, double WeekDistanceKm, double? WeekDistanceChangePercent);

public sealed record TrainingLoadResponse(
    string RunnerId, string TimeZone, DateOnly From, DateOnly To, IReadOnlyList<LoadDay> Days, IReadOnlyList<LoadWeek> Weeks, TrainingLoadCurrent? Current);

public static class GetTrainingLoadEndpoint
{
    /// <summary>
    /// Per local day: distance, moving time, session-RPE load (effort × minutes), acute (7-day) and chronic (28-day) EWMA and
    /// their ratio; per ISO week: distance and its change. from/to are local dates (default: the last 90 days).
    /// </summary>
    [WolverineGet("/runners/{runnerId}/training-load"), Tags("Trends"), EndpointSummary("Training load")]
    [ProducesResponseType<TrainingLoadResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string runnerId, string? from, string? to, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var load = await TrainingLoadQuery.LoadAsync(session, runnerId, ct);
        var today = DayRange.Today(clock, load.TimeZone);
        if (!DayRange.TryParse(from, to, today, GetPainTrendEndpoint.DefaultDays, out var range, out var problem))
            return Results.Problem(problem);
        return Results.Ok(TrainingLoadQuery.Build(load, range, today));
    }
}

public static class TrainingLoadQuery
{
    public static async Task<TrainingLoad> LoadAsync(IQuerySession session, string runnerId, CancellationToken ct) =>
        await session.LoadAsync<TrainingLoad>(runnerId, ct)
        ?? new TrainingLoad { Id = runnerId, TimeZone = (await session.LoadAsync<RunnerProfile>(runnerId, ct))?.TimeZone ?? RunnerProfile.DefaultTimeZone };

    public static TrainingLoadResponse Build(TrainingLoad load, DayRange range, DateOnly today)
    {
        var asOf = range.To < today ? range.To : today;
        // The stored figures end on the last run's day; the averages keep decaying over the rest days since.
        var figures = load.Runs.Count > 0 && load.Figures.Days[^1].Day < asOf
            ? TrainingLoadCalculator.Compute(load.Runs, asOf)
            : load.Figures;
        var days = figures.Days.Where(d => range.Contains(d.Day)).ToList();
        var weeks = figures.Weeks.Where(w => range.Overlaps(w.Start)).ToList();
        var latest = figures.Days.LastOrDefault(d => d.Day <= asOf);
        var week = figures.Weeks.LastOrDefault(w => w.Start <= asOf);
        var current = latest is null ? null
            : new TrainingLoadCurrent(asOf, latest.Acute, latest.Chronic, latest.Ratio, week?.DistanceKm ?? 0, week?.DistanceChangePercent);
        return new TrainingLoadResponse(load.Id, load.TimeZone, range.From, range.To, days, weeks, current);
    }
}
