using HipLog.Domain.Runners;
using HipLog.Domain.Storage;
using Marten;

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

    /// <summary>Appends the retraction of a standing entry; an entry that is absent, another runner's or already retracted is a 404.</summary>
    public static async Task<IResult> RetractAsync<TView>(string runnerId, Guid id, string what, Func<object> retracted,
        IDocumentSession session, HttpContext http, CancellationToken ct)
        where TView : ILogEntryView
    {
        if (await FindAsync<TView>(session, runnerId, id, ct) is null)
            return Problems.NotFound($"{what} with this id in this runner's log (it may have been retracted already)");

        session.Events.Append(runnerId, retracted());
        return Written.NoContent(http, session);
    }

    /// <summary>Another runner's entry is as absent as one that never existed.</summary>
    public static async Task<TView?> FindAsync<TView>(IQuerySession session, string runnerId, Guid id, CancellationToken ct)
        where TView : ILogEntryView =>
        await session.LoadAsync<TView>(id, ct) is { } view && view.RunnerId == runnerId ? view : default;
}
