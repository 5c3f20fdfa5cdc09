using HipLog.Domain.Time;
using HipLog.Domain.Trends;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Trends;

/// <param name="AsOf">The range's last day, or today if that is earlier.</param>
public sealed record TrainingLoadCurrent(DateOnly AsOf, double Acute, double Chronic, double? Ratio, double WeekDistanceKm,
    double? WeekDistanceChangePercent);

public sealed record TrainingLoadResponse(
    string RunnerId, string TimeZone, DateOnly From, DateOnly To, IReadOnlyList<LoadDay> Days, IReadOnlyList<LoadWeek> Weeks,
        TrainingLoadCurrent? Current);

public static class GetTrainingLoadEndpoint
{
    /// <summary>
    /// Per local day: distance, moving time, session-RPE load (effort × minutes), acute (7-day) and chronic (28-day) EWMA and
    /// their ratio; per ISO week: distance and its change. from/to are local dates (default: the last 90 days).
    /// </summary>
    [WolverineGet("/runners/{runnerId}/training-load"), Tags("Trends"), EndpointSummary("Training load")]
    [ProducesResponseType<TrainingLoadResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string runnerId, string? from, string? to, IQuerySession session, TimeProvider clock,
        CancellationToken ct)
    {
        if (!DayRange.TryParse(from, to, DayRange.UtcToday(clock), GetPainTrendEndpoint.DefaultDays, out var utcRange, out var problem))
            return Results.Problem(problem);
        var window = await TrainingLoadQuery.LoadAsync(session, runnerId, utcRange.AnyZone(DayRange.UtcToday(clock)), ct);
        var today = DayRange.Today(clock, window.Head.TimeZone);
        DayRange.TryParse(from, to, today, GetPainTrendEndpoint.DefaultDays, out var range, out _);
        return Results.Ok(TrainingLoadQuery.Build(window, range, today));
    }
}

/// <summary>Reads and cuts the training load for a range; shared by the JSON endpoint and the report page.</summary>
public static class TrainingLoadQuery
{
    /// <summary>The weeks a range needs, and the week before it, for the first week's change.</summary>
    public static Task<TrainingWindow> LoadAsync(IQuerySession session, string runnerId, DayRange range, CancellationToken ct) =>
        TrainingWindow.LoadAsync(session, runnerId, range.From.AddDays(-7), range.To, ct);

    public static TrainingLoadResponse Build(TrainingWindow window, DayRange range, DateOnly today)
    {
        var asOf = range.To < today ? range.To : today;
        // The figures run to the last run's day; the averages keep decaying over the rest days up to today.
        var lastListed = window.Head.LastDay is { } last && last > asOf ? last : asOf;
        var sunday = IsoWeeks.Monday(range.To).AddDays(6);
        var firstShown = asOf < range.From ? asOf : range.From;
        var figures = window.Figures(IsoWeeks.Monday(firstShown).AddDays(-7), sunday < lastListed ? sunday : lastListed);

        var days = figures.Days.Where(d => range.Contains(d.Day)).ToList();
        var weeks = figures.Weeks.Where(w => range.Overlaps(w.Start)).ToList();
        var latest = figures.Days.LastOrDefault(d => d.Day <= asOf);
        var week = figures.Weeks.LastOrDefault(w => w.Start <= asOf);
        var current = latest is null ? null
            : new TrainingLoadCurrent(asOf, latest.Acute, latest.Chronic, latest.Ratio, week?.DistanceKm ?? 0, week?.DistanceChangePercent);
        return new TrainingLoadResponse(window.Head.Id, window.Head.TimeZone, range.From, range.To, days, weeks, current);
    }
}
