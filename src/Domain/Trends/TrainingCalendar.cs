using HipLog.Domain.Time;

namespace HipLog.Domain.Trends;

/// <summary>
/// The part of one runner's training calendar that a batch of events touches: every week unit from
/// <see cref="LoadedFrom"/> on, and the last unit before it, whose end state the later weeks continue from. Runs are
/// added, replaced and removed in memory; <see cref="Settle"/> then says which units to write and which to delete.
/// </summary>
/// <remarks>
/// The averages run forward, so a change in one week changes the stored end state of every later week until the
/// recomputed state equals the stored one bit for bit; from there on nothing changes and the walk stops. A run logged
/// today touches one unit; a correction a month back touches the weeks since.
/// </remarks>
public sealed class TrainingCalendar
{
    private readonly SortedDictionary<DateOnly, List<RunEntry>> runs = new();
    private readonly Dictionary<DateOnly, TrainingWeek> stored = new();
    private readonly HashSet<DateOnly> changed = [];
    private TrainingWeek? before;

    public TrainingCalendar(TrainingLoad head) => Head = head;

    public TrainingLoad Head { get; private set; }

    /// <summary>Every unit from this Monday on is loaded; null when all of the runner's units are.</summary>
    public DateOnly? LoadedFrom { get; private set; } = DateOnly.MaxValue;

    public bool Covers(DateOnly monday) => LoadedFrom is null || monday >= LoadedFrom;

    /// <summary>Takes in the units from <paramref name="from"/> (null: all) up to what is already loaded, and the unit before
    /// them.</summary>
    public void Load(DateOnly? from, IEnumerable<TrainingWeek> weeks, TrainingWeek? weekBefore)
    {
        foreach (var week in weeks)
        {
            if (!stored.TryAdd(week.Monday, week))
                continue;
            runs[week.Monday] = [.. week.Runs];
        }

        if (from is null || LoadedFrom is { } loaded && from < loaded)
        {
            LoadedFrom = from;
            before = from is null ? null : weekBefore;
        }
    }

    /// <summary>The unit that holds a run, among those loaded.</summary>
    public DateOnly? WeekOf(Guid runId) =>
        runs.FirstOrDefault(w => w.Value.Any(r => r.RunId == runId)) is { Value: not null } found ? found.Key : null;

    public void Add(RunEntry run)
    {
        var monday = IsoWeeks.Monday(run.Day);
        Require(monday);
        if (!runs.TryGetValue(monday, out var week))
            runs[monday] = week = [];
        week.RemoveAll(r => r.RunId == run.RunId);
        week.Add(run);
        changed.Add(monday);
    }

    /// <summary>A correction: the run leaves its old week (if it still stands) and joins the week of its new day.</summary>
    public void Replace(RunEntry run)
    {
        if (!Remove(run.RunId))
            return;
        Add(run);
    }

    public bool Remove(Guid runId)
    {
        if (WeekOf(runId) is not { } monday)
            return false;
        runs[monday].RemoveAll(r => r.RunId == runId);
        changed.Add(monday);
        return true;
    }

    /// <summary>A new time zone moves every run to the local day it falls on there; this needs every unit loaded.</summary>
    public void Rezone(string timeZone)
    {
        if (Head.TimeZone == timeZone)
            return;
        if (LoadedFrom is not null)
            throw new InvalidOperationException("A time-zone change needs all of the runner's weeks loaded.");
        Head = Head with { TimeZone = timeZone };
        var all = runs.Values.SelectMany(w => w).ToList();
        foreach (var monday in runs.Keys)
            changed.Add(monday);
        foreach (var week in runs.Values)
            week.Clear();
        foreach (var run in all)
            Add(run with { Day = LocalCalendar.LocalDay(run.StartedAt, Head.Zone) });
    }

    /// <summary>Recomputes the end states from the first changed week on, and says what to store and what to delete.</summary>
    public (IReadOnlyList<TrainingWeek> Store, IReadOnlyList<string> Delete) Settle()
    {
        var store = new List<TrainingWeek>();
        var delete = new List<string>();
        if (changed.Count == 0)
            return (store, delete);

        var (firstChanged, lastChanged) = (changed.Min(), changed.Max());
        // The walk continues from the last unchanged unit before the first change.
        var anchor = stored.Values.Where(w => w.Monday < firstChanged).MaxBy(w => w.Monday) ?? before;
        var (state, nextDay) = anchor is null ? (LoadState.Zero, (DateOnly?)null) : (anchor.End, anchor.Sunday.AddDays(1));
        foreach (var (monday, weekRuns) in runs.Where(w => w.Key >= firstChanged).ToList())
        {
            if (weekRuns.Count == 0)
            {
                if (stored.Remove(monday, out var emptied))
                    delete.Add(emptied.Id);
                runs.Remove(monday);
                continue;
            }

            var totals = TrainingLoadCalculator.Totals(weekRuns);
            var start = nextDay ?? monday;
            state = TrainingLoadCalculator.Advance(state, start, monday.AddDays(6), totals);
            nextDay = monday.AddDays(7);

            var ordered = weekRuns.OrderBy(r => r.StartedAt).ThenBy(r => r.RunId).ToList();
            var unit = new TrainingWeek(TrainingWeek.IdFor(Head.Id, monday), Head.Id, monday, ordered, state.Acute, state.Chronic);
            var same = stored.TryGetValue(monday, out var old) && old.End == unit.End && old.Runs.SequenceEqual(unit.Runs);
            if (same && monday > lastChanged)
                break;
            if (!same)
            {
                store.Add(unit);
                stored[monday] = unit;
            }
        }

        changed.Clear();
        var days = runs.Values.SelectMany(w => w).Select(r => r.Day).ToList();
        var loadedFirst = days.Count > 0 ? days.Min() : (DateOnly?)null;
        var loadedLast = days.Count > 0 ? days.Max() : before?.Runs.Max(r => r.Day);
        // Units before LoadedFrom were not touched: the first day only moves when it was among the loaded ones.
        var first = Head.FirstDay is { } f && LoadedFrom is { } from && f < from ? f : loadedFirst;
        Head = Head with { FirstDay = Min(first, loadedFirst), LastDay = loadedLast };
        return (store, delete);
    }

    private void Require(DateOnly monday)
    {
        if (!Covers(monday))
            throw new InvalidOperationException($"The week of {monday} is not loaded.");
    }

    private static DateOnly? Min(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a < b ? a : b;
}
