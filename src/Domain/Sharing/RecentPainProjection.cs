using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace HipLog.Domain.Sharing;

/// <summary>
/// Inline with the runner's pain reports and profile, so the light reads what the runner has just written. Two documents
/// per runner: <see cref="RecentPain"/>, the reports kept, and <see cref="PainFacts"/>, the light's few hundred bytes, kept
/// apart so a patient list reads neither the reports nor a compressed document's worth of them. For a page of events (one
/// request's, or a rebuild's thousands) the runners' kept reports are loaded in one round trip.
/// </summary>
public sealed class RecentPainProjection : IProjection
{
    public const string Name = nameof(RecentPain);

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var runners = events.Where(e => RecentPain.Reads(e.Data)).GroupBy(e => e.StreamKey!).ToList();
        if (runners.Count == 0)
            return;
        var kept = (await operations.LoadManyAsync<RecentPain>(cancellation, runners.Select(r => r.Key).ToArray()))
            .ToDictionary(r => r.Id);
        foreach (var runner in runners)
        {
            var recent = runner.Aggregate(kept.GetValueOrDefault(runner.Key) ?? RecentPain.Empty(runner.Key),
                (doc, e) => RecentPain.After(doc, e.Data));
            operations.Store(recent);
            operations.Store(recent.Facts());
        }
    }
}
