using System.Globalization;
using System.Text.Json;
using HipLog.Api.Pain;
using HipLog.Api.Profiles;
using HipLog.Api.Runs;
using HipLog.Api.Stretching;
using HipLog.Domain.Pain;
using HipLog.Domain.Runs;
using HipLog.Domain.Wire;

namespace HipLog.Tests.Support.Clients;

/// <summary>Requests a runner would send, as the Api's own request records; change a field with "with".</summary>
public static class Sample
{
    public static RunRequest Run(string startedAt = "2026-11-25T07:10:00+01:00", double distanceKm = 8.4, int effort = 6) =>
        new(DateTimeOffset.Parse(startedAt), distanceKm, 2700, effort, Surface.Trail, "Riverside loop", "Trail 3", "easy");

    public static PainReportRequest Pain(string reportedAt = "2026-11-25T09:00:00+01:00", int score = 4,
        PainLocation location = PainLocation.FrontHip) =>
        new(DateTimeOffset.Parse(reportedAt), score, location, BodySide.Left, PainTiming.AfterRun, PainCharacter.Ache,
            Notes: "tight after hills");

    public static StretchSessionRequest Session(string completedAt = "2026-11-25T19:00:00+01:00", params string[] exerciseIds) =>
        new(DateTimeOffset.Parse(completedAt),
            (exerciseIds.Length == 0 ? ["lizard-lower-lunge"] : exerciseIds)
                .Select(id => (ExerciseDoneRequest?)new ExerciseDoneRequest(id, BodySide.Both, HoldBreaths: 8))
                .ToList(), 4, 2);

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>A local time in Berlin, with the offset the zone has that day, as a runner there sends it.</summary>
    public static string InBerlin(DateOnly day, int hour, int minute = 0)
    {
        var local = day.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, Berlin.GetUtcOffset(local)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    /// <summary>A request in the wire format with one field set to a value its record cannot hold (a wrong type, an unknown
    /// option).</summary>
    public static string Json(object request, string field, object? value)
    {
        var node = JsonSerializer.SerializeToNode(request, request.GetType(), HipLogJson.Wire)!.AsObject();
        node[field] = JsonSerializer.SerializeToNode(value);
        return node.ToJsonString();
    }

    public static ProfileRequest Profile(string displayName = "Ana", string timeZone = "Europe/Berlin") => new(displayName, timeZone);
}
