using HipLog.Domain.Time;
using Marten;
using Marten.Services.BatchQuerying;

namespace HipLog.Domain.Trends;

/// <summary>
/// The week units a range of days needs, and the last unit before them, whose end state the range continues from.
/// Reading a range costs the same on a runner's first day as in their third year.
/// </summary>
public sealed record TrainingWindow(TrainingLoad Head, TrainingWeek? Before, IReadOnlyList<TrainingWeek> Weeks)
{
    /// <summary>Loads the units of the weeks that overlap [<paramref name="from"/>, <paramref name="to"/>], in one round trip.</summary>
    public static async Task<TrainingWindow> LoadAsync(IQuerySession session, string runnerId, DateOnly from, DateOnly to,
        CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        var window = Ask(batch, runnerId, from, to);
        await batch.Execute(ct);
        return await window();
    }

    /// <summary>
    /// The windows of many runners, each over its own days, in two round trips whatever their number: their weeks in
    /// one query, the unit before each first week in another.
    /// </summary>
    public static async Task<Dictionary<string, TrainingWindow>> LoadManyAsync(IQuerySession session,
        IReadOnlyDictionary<string, (DateOnly From, DateOnly To)> ranges, CancellationToken ct)
    {
        if (ranges.Count == 0)
            return [];
        var runners = ranges.Keys.ToArray();
        var (first, last) = (IsoWeeks.Monday(ranges.Values.Min(r => r.From)), IsoWeeks.Monday(ranges.Values.Max(r => r.To)));
        var batch = session.CreateBatchQuery();
        var heads = batch.LoadMany<TrainingLoad>().ById(runners);
        var weeks = batch.Query<TrainingWeek>().Where(w => w.RunnerId.IsOneOf(runners) && w.Monday >= first && w.Monday <= last).ToList();
        await batch.Execute(ct);
        var befores = await session.QueryAsync<TrainingWeek>(
            $"select distinct on (d.runner_id) d.data from {Storage.HipLogStore.SchemaName}.mt_doc_trainingweek as d " +
            "where d.runner_id = any(?) and d.monday < ? order by d.runner_id, d.monday desc", ct, runners, first);

        var headById = (await heads).ToDictionary(h => h.Id);
        var weeksByRunner = (await weeks).ToLookup(w => w.RunnerId);
        var beforeByRunner = befores.ToDictionary(w => w.RunnerId);
        return ranges.ToDictionary(r => r.Key, r =>
        {
            var (from, to) = (IsoWeeks.Monday(r.Value.From), IsoWeeks.Monday(r.Value.To));
            var own = weeksByRunner[r.Key].OrderBy(w => w.Monday).ToList();
            var before = own.LastOrDefault(w => w.Monday < from) ?? beforeByRunner.GetValueOrDefault(r.Key);
            return new TrainingWindow(headById.GetValueOrDefault(r.Key) ?? TrainingLoad.Empty(r.Key), before,
                own.Where(w => w.Monday >= from && w.Monday <= to).ToList());
        });
    }

    /// <summary>Adds the window's queries to a batch; the answer is there once the batch has run.</summary>
    public static Func<Task<TrainingWindow>> Ask(IBatchedQuery batch, string runnerId, DateOnly from, DateOnly to)
    {
        var (first, last) = (IsoWeeks.Monday(from), IsoWeeks.Monday(to));
        var head = batch.Load<TrainingLoad>(runnerId);
        var weeks = batch.Query<TrainingWeek>().Where(w => w.RunnerId == runnerId && w.Monday >= first && w.Monday <= last)
            .OrderBy(w => w.Monday).ToList();
        var before = batch.Query<TrainingWeek>().Where(w => w.RunnerId == runnerId && w.Monday < first).OrderByDescending(w => w.Monday)
            .FirstOrDefault();
        return async () => new TrainingWindow(await head ?? TrainingLoad.Empty(runnerId), await before, await weeks);
    }

    /// <summary>
    /// The figures of the days from <paramref name="from"/> (or the runner's first run, if later) to <paramref name="through"/>,
    /// which must lie within the loaded weeks. Weeks are listed with their change against the week before only when
    /// that week is listed too, as in the whole-history figures.
    /// </summary>
    public TrainingLoadFigures Figures(DateOnly from, DateOnly through)
    {
        if (Head.FirstDay is not { } firstDay)
            return new TrainingLoadFigures([], []);
        var start = from > firstDay ? from : firstDay;
        if (through < start)
            return new TrainingLoadFigures([], []);

        var totals = TrainingLoadCalculator.Totals(Weeks.SelectMany(w => w.Runs).Concat(Before?.Runs ?? []));
        var (state, walkFrom) = Before is null ? (LoadState.Zero, firstDay) : (Before.End, Before.Sunday.AddDays(1));
        state = TrainingLoadCalculator.Advance(state, walkFrom, start.AddDays(-1), totals);
        var days = TrainingLoadCalculator.Days(firstDay, start, through, state, totals);
        return new TrainingLoadFigures(days, TrainingLoadCalculator.Weeks(days));
    }
}
