using HipLog.Domain.Runners;
using HipLog.Domain.Storage;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Infrastructure;

/// <summary>Reading a runner's runs, pain reports or stretch sessions: by date range, or one by id.</summary>
public static class LogEntries
{
    public static async Task<IResult> ListAsync<TView>(
        string runnerId, string? from, string? to, IQuerySession session, Func<TView, object> respond, CancellationToken ct)
        where TView : ILogEntryView
    {
        var profile = await session.LoadAsync<RunnerProfile>(runnerId, ct);
        if (!TimeRange.TryParse(from, to, profile?.TimeZone, out var range, out var problem))
            return Results.Problem(problem);

        var query = session.Query<TView>().Where(v => v.RunnerId == runnerId);
        if (range.From is { } start)
            query = query.Where(v => v.OccurredAt >= start);
        if (range.To is { } end)
            query = query.Where(v => v.OccurredAt < end);

        var entries = await query.OrderBy(v => v.OccurredAt).ToListAsync(ct);
        return Results.Ok(entries.Select(respond));
    }

    /// <summary>An entry that is absent, another runner's or already retracted cannot be corrected or retracted: a 404.</summary>
    public static ProblemDetails MustStand<TView>(TView? current, string what) where TView : ILogEntryView =>
        current is null ? Problems.Missing($"{what} with this id in this runner's log (it may have been retracted)") : WolverineContinue.NoProblems;

    /// <summary>Another runner's entry is as absent as one that never existed.</summary>
    public static async Task<TView?> FindAsync<TView>(IQuerySession session, string runnerId, Guid id, CancellationToken ct)
        where TView : ILogEntryView =>
        await session.LoadAsync<TView>(id, ct) is { } view && view.RunnerId == runnerId ? view : default;
}
