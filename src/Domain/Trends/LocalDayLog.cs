using HipLog.Domain.Runners;
using HipLog.Domain.Time;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace HipLog.Domain.Trends;

/// <summary>An entry of a runner's log (a pain report, a run) as a trend counts it: on the local day it falls on.</summary>
public interface ILocalDayEntry<out TSelf>
{
    Guid EntryId { get; }

    DateTimeOffset At { get; }

    TSelf OnDay(DateOnly day);
}

/// <summary>
/// A per-runner trend whose state is the runner's standing entries and time zone. The figures are derived from
/// the entries once, when the document is stored, so a burst of events (an import, a rebuild) does not recompute
/// them per event.
/// </summary>
public abstract class LocalDayLog<TEntry, TFigures> where TEntry : ILocalDayEntry<TEntry> where TFigures : class
{
    private TFigures? figures;

    public string Id { get; set; } = "";

    public string TimeZone { get; set; } = RunnerProfile.DefaultTimeZone;

    public TFigures Figures
    {
        get => figures ??= Compute();
        init => figures = value;
    }

    protected abstract List<TEntry> Entries { get; set; }

    protected abstract TFigures Compute();

    internal void Add(TEntry entry) => Changed(() => Entries.Add(entry));

    internal void Correct(TEntry entry) => Changed(() =>
    {
        var index = Entries.FindIndex(e => e.EntryId == entry.EntryId);
        if (index >= 0)
            Entries[index] = entry;
    });

    internal void Retract(Guid id) => Changed(() => Entries.RemoveAll(e => e.EntryId == id));

    /// <summary>A new time zone moves every entry to the local day it falls on there.</summary>
    internal void Rezone(string timeZone)
    {
        if (TimeZone == timeZone)
            return;
        var zone = LocalCalendar.FindZone(timeZone) ?? TimeZoneInfo.Utc;
        TimeZone = timeZone;
        Changed(() => Entries = Entries.Select(e => e.OnDay(LocalCalendar.LocalDay(e.At, zone))).ToList());
    }

    internal TimeZoneInfo Zone => LocalCalendar.FindZone(TimeZone) ?? TimeZoneInfo.Utc;

    private void Changed(Action change)
    {
        change();
        figures = null;
    }
}

/// <summary>What one event does to a trend's entries.</summary>
public abstract record EntryChange<TEntry>
{
    public sealed record Added(TEntry Entry) : EntryChange<TEntry>;

    public sealed record Corrected(TEntry Entry) : EntryChange<TEntry>;

    public sealed record Retracted(Guid Id) : EntryChange<TEntry>;
}

/// <summary>The one Evolve both trends share; each says how its own events change its entries.</summary>
public abstract class LocalDayLogProjection<TDoc, TEntry, TFigures> : SingleStreamProjection<TDoc, string>
    where TDoc : LocalDayLog<TEntry, TFigures>, new() where TEntry : ILocalDayEntry<TEntry> where TFigures : class
{
    protected abstract EntryChange<TEntry>? Change(object data, TimeZoneInfo zone);

    public override TDoc? Evolve(TDoc? snapshot, string id, IEvent e)
    {
        if (e.Data is RunnerRegistered or RunnerProfileUpdated)
        {
            var doc = snapshot ?? new TDoc { Id = id };
            doc.Rezone(e.Data is RunnerRegistered r ? r.TimeZone : ((RunnerProfileUpdated)e.Data).TimeZone);
            return doc;
        }

        switch (Change(e.Data, snapshot?.Zone ?? TimeZoneInfo.Utc))
        {
            case EntryChange<TEntry>.Added added:
                var created = snapshot ?? new TDoc { Id = id };
                created.Add(added.Entry);
                return created;
            // A correction or retraction racing the other must not bring an entry back.
            case EntryChange<TEntry>.Corrected corrected when snapshot is not null:
                snapshot.Correct(corrected.Entry);
                return snapshot;
            case EntryChange<TEntry>.Retracted retracted when snapshot is not null:
                snapshot.Retract(retracted.Id);
                return snapshot;
            default:
                return snapshot;
        }
    }
}
