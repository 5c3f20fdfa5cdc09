using HipLog.Domain.Pain;
using HipLog.Domain.Profiles;
using HipLog.Domain.Watch;
using HipLog.ServiceDefaults;
using JasperFx.Events;
using Marten;

namespace HipLog.Worker.Watch;

/// <summary>
/// What the watch does with a page that failed for a reason other than an outage: it judges it again runner by runner,
/// and sets aside the events of each runner that still fails after <see cref="Tries"/> tries. Only the subscription's
/// one thread uses it, as it does <see cref="PainHistory"/>.
/// </summary>
public sealed class SetAside(PainWatchJudge judge, PainHistory history, TimeProvider clock, ILogger<SetAside> logger)
{
    public const int Tries = 3;

    public static string? RunnerOf(object data) => data switch
    {
        IPainReportEvent e => e.RunnerId,
        RunnerRegistered e => e.RunnerId,
        RunnerProfileUpdated e => e.RunnerId,
        _ => null,
    };

    /// <summary>Judges the page without the held runners' events, which join theirs; then retries those due.</summary>
    public async Task JudgeAsync(IDocumentStore store, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        Dictionary<string, SetAsideEvents> held;
        await using (var query = store.QuerySession())
            held = (await query.Query<SetAsideEvents>().ToListAsync(ct)).ToDictionary(s => s.Id);
        var free = events.Where(e => RunnerOf(e.Data) is not { } r || !held.ContainsKey(r)).ToList();
        try
        {
            await judge.JudgeAsync(store, free, ct);
        }
        catch (Exception e) when (!Outages.IsUnreachable(e) && !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Pain watch: a page failed; judging it runner by runner");
            history.Forget();
            await JudgeApartAsync(store, free, held, ct);
        }

        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        // The page's events join their runner's before any retry, so a retry that succeeds judges them too.
        foreach (var group in events.Except(free).GroupBy(e => RunnerOf(e.Data)!))
        {
            held[group.Key] = held[group.Key] with { Sequences = [.. held[group.Key].Sequences, .. group.Select(e => e.Sequence)] };
            session.Store(held[group.Key]);
        }

        foreach (var due in held.Values.Where(h => h.RetryAt <= now))
            await RetryAsync(store, session, due, now, ct);
        await session.SaveChangesAsync(ct);
    }

    private async Task JudgeApartAsync(IDocumentStore store, IReadOnlyList<IEvent> events, Dictionary<string, SetAsideEvents> held,
        CancellationToken ct)
    {
        foreach (var shared in events.Where(e => RunnerOf(e.Data) is null))
            history.Follow(shared.Data);
        await using var session = store.LightweightSession();
        foreach (var runner in events.Where(e => RunnerOf(e.Data) is not null).GroupBy(e => RunnerOf(e.Data)!))
        {
            if (await TryAsync(store, runner.ToList(), ct) is not { } failure)
                continue;
            var now = clock.GetUtcNow();
            var aside = new SetAsideEvents(runner.Key, [.. runner.Select(e => e.Sequence)], failure.GetType().Name, now,
                now.AddMinutes(1), 0);
            held[runner.Key] = aside;
            session.Store(aside);
            HipLogMetrics.WatchSetAside(aside.Sequences.Count);
            logger.LogError(failure, "Pain watch: {Count} events of one runner set aside after {Tries} tries; the others go on",
                aside.Sequences.Count, Tries);
        }

        await session.SaveChangesAsync(ct);
    }

    /// <returns>Null when the events were judged; else the last failure.</returns>
    private async Task<Exception?> TryAsync(IDocumentStore store, IReadOnlyList<IEvent> events, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await judge.JudgeAsync(store, events, ct);
                return null;
            }
            catch (Exception e) when (!Outages.IsUnreachable(e) && !ct.IsCancellationRequested)
            {
                // What it remembers of the runner may be what failed: it is read again.
                history.Forget(RunnerOf(events[0].Data)!);
                if (attempt == Tries)
                    return e;
            }
        }
    }

    private async Task RetryAsync(IDocumentStore store, IDocumentSession session, SetAsideEvents aside, DateTimeOffset now,
        CancellationToken ct)
    {
        IReadOnlyList<IEvent> events;
        await using (var query = store.QuerySession())
            events = await query.Events.QueryAllRawEvents().Where(e => e.Sequence.IsOneOf(aside.Sequences.ToArray()))
                .OrderBy(e => e.Sequence).ToListAsync(ct);
        history.Forget(aside.Id);
        // Erased meanwhile, the events are gone, and so is what to retry.
        if (events.Count == 0 || await TryAsync(store, events, ct) is null)
        {
            session.Delete<SetAsideEvents>(aside.Id);
            logger.LogInformation("Pain watch: {Count} set-aside events judged at last", events.Count);
            return;
        }

        var retries = aside.Retries + 1;
        session.Store(aside with { Retries = retries, RetryAt = now.AddMinutes(Math.Min(60, Math.Pow(2, retries))) });
    }
}
