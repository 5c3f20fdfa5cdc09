using HipLog.Domain.DataRights;
using HipLog.Api.DataRights;
using HipLog.Api.Hosting;
using HipLog.Api.Http.Problems;
using HipLog.Api.Profiles;
using HipLog.Domain.CalendarFeeds;
using HipLog.Domain.Watch;
using HipLog.ServiceDefaults;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.CalendarFeeds;

public static class ReadCalendarFeedEndpoint
{
    /// <summary>How far back the feed reaches: a year of routines is what a calendar app is worth showing.</summary>
    public static readonly TimeSpan History = TimeSpan.FromDays(366);

    public static string Url(PublicUrls urls, string secret) => urls.Of($"{LoggedPaths.CalendarPrefix}/{secret}.ics");

    /// <summary>
    /// The runner's routines (scheduled, delivered, acknowledged and completed ones; dismissed, superseded and withdrawn
    /// ones as cancelled) and clinician advisories of the last year, as iCalendar (RFC 5545). No bearer token: the
    /// secret in the address is the credential, so an unknown, revoked or malformed one is a 404, the same for all.
    /// </summary>
    [WolverineGet("/calendar/{secret}.ics"), Tags("Calendar feed"), EndpointSummary("Read a calendar feed (iCalendar)"), AllowAnonymous]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/calendar"),
        ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(string secret, IQuerySession session, ErasureKeys keys, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        // The path names no runner, so neither the ownership policy nor the UnknownRunners middleware applies: the
        // secret stands for the runner, and an erasure under way is checked here as the middleware would.
        if (!CalendarFeedSecret.IsWellFormed(secret)
            || await FindAsync(session, CalendarFeedSecret.HashOf(secret), ct) is not { } feed
            || await UnknownRunners.WereErasedAsync(session, keys, feed.Id, ct))
            return NoFeed();

        var since = clock.GetUtcNow() - History;
        var recommendations = await session.Query<RecommendationView>()
            .Where(r => r.RunnerId == feed.Id && r.DueAt != null && r.DueAt >= since)
            .ToListAsync(ct);
        var zone = await RunnerZone.LoadAsync(session, feed.Id, ct);

        // The address is a credential: no cache or proxy may keep the answer.
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        return Results.Text(RoutineCalendar.Write(recommendations, zone), "text/calendar; charset=utf-8");
    }

    /// <summary>
    /// Any other path under /calendar (no secret, another suffix) is the same 404 a wrong secret gets, with or without
    /// a token, rather than the 401 of a path no endpoint serves.
    /// </summary>
    [WolverineGet("/calendar/{**rest}"), AllowAnonymous, ExcludeFromDescription]
    public static IResult GetOther(string rest) => NoFeed();

    private static IResult NoFeed() => Problem.NotFound("calendar feed at this address: it may have been revoked or replaced");

    private static Task<CalendarFeed?> FindAsync(IQuerySession session, string hash, CancellationToken ct) =>
        session.Query<CalendarFeed>().Where(f => f.SecretHash == hash).SingleOrDefaultAsync(ct);
}
