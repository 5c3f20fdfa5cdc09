using System.Globalization;
using HipLog.Api.Http.Problems;
using HipLog.Api.Profiles;
using HipLog.Domain.Time;
using HipLog.Domain.Timeline;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Timeline;

/// <param name="Version">Position in the runner's log; pass the smallest one seen as "before" to read the next page.</param>
/// <param name="Type">The event, in kebab case: run-logged, pain-report-corrected, run-retracted, runner-registered, …</param>
/// <param name="OccurredAt">When it happened in the runner's world, with the offset the runner gave; for a retraction, when it was made.
/// Null for profile events.</param>
/// <param name="RecordedAt">When HipLog stored it, in the runner's zone.</param>
/// <param name="Summary">The event in one English sentence.</param>
/// <param name="EntryId">The run, pain report or stretch session it concerns.</param>
public sealed record TimelineItem(long Version, string Type, Guid? EntryId, DateTimeOffset? OccurredAt, DateTimeOffset RecordedAt,
    string Summary);

/// <param name="NextBefore">The "before" value for the next (older) page; null on the last page.</param>
public sealed record TimelinePage(IReadOnlyList<TimelineItem> Items, long? NextBefore);

public static class GetTimelineEndpoint
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Everything the runner recorded, corrections and retractions included, newest first, a page at a time.</summary>
    [WolverineGet("/runners/{runnerId}/timeline"), Tags("Timeline"), EndpointSummary("The runner's log, newest first")]
    [ProducesResponseType<TimelinePage>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string runnerId, string? before, string? limit, IQuerySession session, CancellationToken ct)
    {
        // Read as text, like the lists' parameters, so that "before=abc" is named rather than answered as an unbound request.
        var errors = new FieldErrors()
            .When(!Whole(before, 1, long.MaxValue, out var olderThan), "before", "Must be a version from a previous page (1 or more).")
            .When(!Whole(limit, 1, MaxLimit, out var size), "limit",
                $"Must be a whole number from 1 to {MaxLimit} (default {DefaultLimit}).");
        if (!errors.IsEmpty)
            return Results.Problem(errors.ToProblem());

        var take = (int)(size ?? DefaultLimit);
        var zone = await RunnerZone.LoadAsync(session, runnerId, ct);
        var query = session.Events.QueryAllRawEvents().Where(e => e.StreamKey == runnerId);
        if (olderThan is { } version)
            query = query.Where(e => e.Version < version);
        var events = await query.OrderByDescending(e => e.Version).Take(take + 1).ToListAsync(ct);

        var items = events.Take(take).Select(e =>
        {
            var d = TimelineDescriber.Describe(e.Data);
            // An entry's time is the runner's own, with the offset they gave; a retraction's is stamped by HipLog in UTC.
            var occurredAt = d.Type.EndsWith("-retracted", StringComparison.Ordinal) ? LocalCalendar.InZone(d.OccurredAt, zone)
                : d.OccurredAt;
            return new TimelineItem(e.Version, d.Type, d.EntryId, occurredAt, LocalCalendar.InZone(e.Timestamp, zone), d.Summary);
        }).ToList();
        return Results.Ok(new TimelinePage(items, events.Count > take ? items[^1].Version : null));
    }

    private static bool Whole(string? text, long min, long max, out long? value)
    {
        value = null;
        if (text is null)
            return true;
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
            return false;
        value = parsed;
        return true;
    }
}
