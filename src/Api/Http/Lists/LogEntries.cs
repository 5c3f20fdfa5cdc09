using HipLog.Api.Http.Problems;
using HipLog.Domain.Profiles;
using HipLog.Domain.Storage;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Http.Lists;

/// <summary>Reading a runner's runs, pain reports or stretch sessions: by date range, or one by id.</summary>
public static class LogEntries
{
    /// <summary>
    /// A page of the runner's entries, oldest first, within the from/to range. The time expression is Marten's own for
    /// OccurredAt, the second column of each view's index on (runner, time, id).
    /// </summary>
    /// <param name="notBefore">Nothing earlier is listed, whatever the range asks (a clinician's share starts there).</param>
    public static async Task<IResult> ListAsync<TView>(
        string runnerId, string? from, string? to, string? limit, string? cursor, IQuerySession session, Func<TView, object> respond,
            CancellationToken ct, DateTimeOffset? notBefore = null)
        where TView : ILogEntryView
    {
        var list = PagedFor<TView>();
        var errors = new FieldErrors();
        var page = list.Read(limit, cursor, errors);
        var profile = await session.LoadAsync<RunnerProfile>(runnerId, ct);
        var range = TimeRange.Parse(from, to, profile?.TimeZone, errors);
        if (!errors.IsEmpty)
            return Results.Problem(errors.ToProblem());

        var query = session.Query<TView>().Where(v => v.RunnerId == runnerId);
        if ((range.From is { } asked && notBefore > asked ? notBefore : range.From ?? notBefore) is { } start)
            query = query.Where(v => v.OccurredAt >= start);
        if (range.To is { } end)
            query = query.Where(v => v.OccurredAt < end);

        return Results.Ok(await list.ReadAsync(query, page, respond, ct));
    }

    public static PagedList<TView, Guid> PagedFor<TView>() where TView : notnull, ILogEntryView => Lists<TView>.Paged;

    private static class Lists<TView> where TView : notnull, ILogEntryView
    {
        public static readonly PagedList<TView, Guid> Paged = new(
            typeof(TView).Name, v => v.OccurredAt, OccurredAtSql, v => v.Id, PagedIds.Guid, NewestFirst: false);
    }

    public const string OccurredAtSql = "hiplog.mt_immutable_timestamptz(d.data ->> 'occurredAt')";

    /// <summary>An entry that is absent, another runner's or already retracted cannot be corrected or retracted: a 404.</summary>
    public static ProblemDetails MustStand<TView>(TView? current, string what) where TView : ILogEntryView =>
        current is null ? Problem.Missing($"{what} with this id in this runner's log (it may have been retracted)")
            : WolverineContinue.NoProblems;

    /// <summary>Another runner's entry is as absent as one that never existed.</summary>
    public static async Task<TView?> FindAsync<TView>(IQuerySession session, string runnerId, Guid id, CancellationToken ct)
        where TView : ILogEntryView =>
        await session.LoadAsync<TView>(id, ct) is { } view && view.RunnerId == runnerId ? view : default;
}
