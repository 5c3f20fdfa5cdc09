using HipLog.Domain.Profiles;
using HipLog.Domain.Runs;
using HipLog.Domain.Time;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Marten.Services.BatchQuerying;

namespace HipLog.Domain.Trends;

/// <summary>
/// Keeps each runner's <see cref="TrainingWeek"/> units and <see cref="TrainingLoad"/> head. For a page of events (one
/// request's, or a rebuild's thousands) it loads, in one round trip for all runners, each head and the units from the
/// earliest week a run could land in; only a correction of an older run, or a time-zone change, needs a second one.
/// </summary>
public sealed class TrainingLoadProjection : IProjection
{
    public const string Name = "TrainingLoad";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var plans = events.Where(e => e.Data is RunLogged or RunCorrected or RunRetracted or RunnerRegistered or RunnerProfileUpdated)
            .GroupBy(e => e.StreamKey!).Select(g => new Plan(g.Key, g.ToList())).ToList();
        if (plans.Count == 0)
            return;

        var first = operations.CreateBatchQuery();
        foreach (var plan in plans)
            plan.Ask(first);
        await first.Execute(cancellation);

        var second = operations.CreateBatchQuery();
        var widened = plans.Count(plan => plan.Widen(second));
        if (widened > 0)
            await second.Execute(cancellation);

        foreach (var plan in plans)
        {
            var (store, delete) = plan.Apply();
            foreach (var id in delete)
                operations.Delete<TrainingWeek>(id);
            if (store.Count > 0)
                operations.Store(store.ToArray());
            if (plan.HeadChanged)
                operations.Store(plan.Calendar.Head);
        }
    }

    private sealed class Plan(string runnerId, IReadOnlyList<IEvent> events)
    {
        private Task<TrainingLoad?> head = null!;
        private Task<IReadOnlyList<TrainingWeek>> weeks = Task.FromResult<IReadOnlyList<TrainingWeek>>([]);
        private Task<TrainingWeek?> weekBefore = Task.FromResult<TrainingWeek?>(null);
        private readonly List<Task<IReadOnlyList<DateOnly>>> lookups = [];
        private bool weeksAsked;
        private DateOnly? askedFrom;
        private TrainingLoad? loadedHead;

        public TrainingCalendar Calendar { get; private set; } = null!;

        public bool HeadChanged => loadedHead != Calendar.Head;

        private bool ChangesZoneMaybe => events.Any(e => e.Data is RunnerRegistered or RunnerProfileUpdated);

        /// <summary>The head, the weeks of the runs it corrects or retracts, and (unless the zone may change) the weeks from the earliest
        /// new run on.</summary>
        public void Ask(IBatchedQuery batch)
        {
            head = batch.Load<TrainingLoad>(runnerId);
            foreach (var id in events.Select(e => e.Data switch { RunCorrected c => c.RunId, RunRetracted r => r.RunId, _ => (Guid?)null })
                .OfType<Guid>())
                lookups.Add(batch.Query<TrainingWeek>().Where(w => w.RunnerId == runnerId && w.Runs.Any(r => r.RunId == id))
                    .Select(w => w.Monday).ToList());
            if (ChangesZoneMaybe)
                return;

            // A local day is at most a day either side of the UTC date, whatever the zone: the Monday of the UTC date
            // before is on or before the run's own week.
            var candidates = events.Select(e => e.Data switch { RunLogged l => l.Run, RunCorrected c => c.Run, _ => null })
                .OfType<RunDetails>()
                .Select(r => IsoWeeks.Monday(DateOnly.FromDateTime(r.StartedAt.UtcDateTime).AddDays(-1))).ToList();
            if (candidates.Count > 0)
                AskWeeks(batch, candidates.Min());
        }

        /// <summary>After the first answers: all weeks for a new zone, or the weeks back to an older run being corrected.</summary>
        public bool Widen(IBatchedQuery batch)
        {
            loadedHead = head.Result;
            var current = loadedHead ?? TrainingLoad.Empty(runnerId);
            var zone = current.TimeZone;
            foreach (var e in events)
            {
                var next = e.Data switch { RunnerRegistered r => r.TimeZone, RunnerProfileUpdated u => u.TimeZone, _ => zone };
                if (next != zone)
                {
                    AskWeeks(batch, null);
                    return true;
                }
            }

            var looked = lookups.SelectMany(l => l.Result).ToList();
            var needed = looked.Count > 0 ? looked.Min() : (DateOnly?)null;
            if (ChangesZoneMaybe && events.Any(e => e.Data is RunLogged or RunCorrected))
            {
                // The zone stays; ask for the weeks from the earliest run as the first round would have.
                var earliest = events.Select(e => e.Data switch { RunLogged l => l.Run, RunCorrected c => c.Run, _ => null })
                    .OfType<RunDetails>()
                    .Min(r => IsoWeeks.Monday(LocalCalendar.LocalDay(r.StartedAt, current.Zone)));
                needed = needed is null || earliest < needed ? earliest : needed;
            }

            if (needed is not { } from || weeksAsked && (askedFrom is null || askedFrom <= from))
                return false;
            AskWeeks(batch, from);
            return true;
        }

        public (IReadOnlyList<TrainingWeek> Store, IReadOnlyList<string> Delete) Apply()
        {
            Calendar = new TrainingCalendar(loadedHead ?? TrainingLoad.Empty(runnerId));
            if (weeksAsked)
                Calendar.Load(askedFrom, weeks.Result, weekBefore.Result);
            foreach (var e in events)
            {
                var zone = Calendar.Head.Zone;
                switch (e.Data)
                {
                    case RunnerRegistered r:
                        Calendar.Rezone(r.TimeZone);
                        break;
                    case RunnerProfileUpdated u:
                        Calendar.Rezone(u.TimeZone);
                        break;
                    case RunLogged l:
                        Calendar.Add(RunEntry.From(l.RunId, l.Run, zone));
                        break;
                    // A correction of a run already retracted finds nothing to replace, so it cannot bring the run back.
                    case RunCorrected c:
                        Calendar.Replace(RunEntry.From(c.RunId, c.Run, zone));
                        break;
                    case RunRetracted r:
                        Calendar.Remove(r.RunId);
                        break;
                }
            }

            return Calendar.Settle();
        }

        private void AskWeeks(IBatchedQuery batch, DateOnly? from)
        {
            (weeksAsked, askedFrom) = (true, from);
            var runner = runnerId;
            if (from is not { } monday)
            {
                weeks = batch.Query<TrainingWeek>().Where(w => w.RunnerId == runner).OrderBy(w => w.Monday).ToList();
                weekBefore = Task.FromResult<TrainingWeek?>(null);
                return;
            }

            weeks = batch.Query<TrainingWeek>().Where(w => w.RunnerId == runner && w.Monday >= monday).OrderBy(w => w.Monday).ToList();
            weekBefore = batch.Query<TrainingWeek>().Where(w => w.RunnerId == runner && w.Monday < monday).OrderByDescending(w => w.Monday)
                .FirstOrDefault();
        }
    }
}
