using HipLog.Api.Http.Problems;
using HipLog.Domain.CalendarFeeds;
using HipLog.Domain.Profiles;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.DataRights;

public static class ExportRunnerDataEndpoint
{
    /// <summary>
    /// Everything HipLog holds about the runner, as a ZIP streamed while it is read: hiplog-export.json (profile without
    /// secrets, when the calendar feed was made, entries as they stand, recommendations with their status history,
    /// webhook deliveries, every event), runs.csv, pain-reports.csv, stretch-sessions.csv, recommendations.csv and
    /// pain-observations.fhir.json (FHIR R4).
    /// </summary>
    [WolverineGet("/runners/{runnerId}/export"), Tags("Your data"), EndpointSummary("Export everything (ZIP)")]
    [ProducesResponseType<byte[]>(StatusCodes.Status200OK, "application/zip"),
        ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(string runnerId, IQuerySession session, IDocumentStore store, TimeProvider clock,
        CancellationToken ct)
    {
        var profile = await session.LoadAsync<RunnerProfile>(runnerId, ct);
        // A runner may log before creating a profile: their log is theirs to take all the same. Only a runner of whom
        // nothing is recorded (never seen, or erased) has nothing to export.
        if (profile is null && await session.Events.FetchStreamStateAsync(runnerId, ct) is null)
            return Problem.NotFound("data recorded for this runner");
        var held = new ExportedRunner(runnerId, profile, await session.LoadAsync<WebhookSubscription>(runnerId, ct),
            await session.LoadAsync<CalendarFeed>(runnerId, ct), clock.GetUtcNow());
        return new RunnerExport(store, held);
    }
}

/// <summary>What the export knows before it reads the runner's log: who, their settings, and when the export was made.</summary>
public sealed record ExportedRunner(string RunnerId, RunnerProfile? Profile, WebhookSubscription? Webhook, CalendarFeed? CalendarFeed,
    DateTimeOffset ExportedAt)
{
    public TimeZoneInfo Zone { get; } = Domain.Time.LocalCalendar.ZoneOrUtc(Profile?.TimeZone);

    /// <summary>Times HipLog stamped itself are shown in the runner's zone, as their entries are.</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);
}

/// <summary>The profile as exported: the webhook's signing secret is never part of it.</summary>
public sealed record ExportedProfile(
    string Id, string DisplayName, string TimeZone, TimeOnly ReminderTime, QuietHours? QuietHours, string? WebhookUrl,
        string? WebhookDisabled,
    DateTimeOffset RegisteredAt, DateTimeOffset UpdatedAt);

/// <summary>The runner's calendar feed as exported: never its address or the hash of it.</summary>
public sealed record ExportedCalendarFeed(DateTimeOffset CreatedAt);

/// <param name="Event">The event that made the change (kebab-case type name); Version is its place in the recommendation's stream.</param>
public sealed record RecommendationStatusChange(RecommendationStatus Status, DateTimeOffset At, long Version, string Event);

/// <summary>A share in the export: as GET /shares/{shareId} shows it, and every read the clinician made through it.</summary>
public sealed record ExportedShare(Sharing.ShareResponse Share, IReadOnlyList<Sharing.AccessResponse> AccessLog);
