using System.Globalization;
using System.Text;
using HipLog.Domain.Trends;
using HipLog.Domain.Watch;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using VCalendar = Ical.Net.Calendar;

namespace HipLog.Domain.CalendarFeeds;

/// <summary>
/// A runner's routines and clinician advisories as an iCalendar feed (RFC 5545), for a calendar app to subscribe to.
/// Everything in it comes from the recommendations themselves, never from the clock, so the same history always
/// gives the same feed, byte for byte, and a calendar app sees a change only when there is one.
/// </summary>
public static class RoutineCalendar
{
    public static readonly TimeSpan EventLength = TimeSpan.FromMinutes(15);

    /// <summary>How often a calendar app is asked to fetch the feed again (apps may poll less often).</summary>
    public const string RefreshInterval = "PT1H";

    /// <summary>
    /// The time-zone rules in the feed are those in force since then: the earliest date the rules are written for is
    /// fixed, so the VTIMEZONE does not change from one fetch to the next.
    /// </summary>
    private static readonly DateTime ZoneRulesSince = new(2000, 1, 1);

    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    /// <summary>
    /// One VEVENT per recommendation that has a time: routines at their due time, advisories when they were given.
    /// Open and completed ones are confirmed (a completed routine happened, and stays in the calendar); dismissed,
    /// superseded and withdrawn ones are cancelled, so an app that already shows them takes them out.
    /// </summary>
    public static string Write(IEnumerable<RecommendationView> recommendations, TimeZoneInfo runnerZone)
    {
        var zone = CanDefine(runnerZone) ? runnerZone : TimeZoneInfo.Utc;
        var calendar = new VCalendar { ProductId = "-//HipLog//Calendar feed//EN" };
        calendar.AddProperty("X-WR-CALNAME", "HipLog");
        calendar.AddProperty("X-WR-CALDESC", "Stretch routines and clinician advice from HipLog's pain watch");
        calendar.AddProperty("X-WR-TIMEZONE", zone.Id);
        calendar.AddProperty("X-PUBLISHED-TTL", RefreshInterval);
        var refresh = new CalendarProperty("REFRESH-INTERVAL", RefreshInterval);
        refresh.Parameters.Set("VALUE", "DURATION");
        calendar.AddProperty(refresh);
        if (!IsUtc(zone))
            calendar.AddTimeZone(zone.Id, ZoneRulesSince, includeHistoricalData: false);

        foreach (var r in recommendations.Where(r => r.DueAt is not null).OrderBy(r => r.DueAt).ThenBy(r => r.Id, StringComparer.Ordinal))
            calendar.Events.Add(Event(r, zone));

        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    /// <summary>The event's UID: the same for a recommendation's whole life, so an app updates it in place.</summary>
    public static string Uid(string recommendationId) => $"{recommendationId}@hiplog";

    private static CalendarEvent Event(RecommendationView r, TimeZoneInfo zone)
    {
        var start = r.DueAt!.Value;
        return new CalendarEvent
        {
            Uid = Uid(r.Id),
            // The stream's version: it grows with every event the recommendation receives, and only then.
            Sequence = checked((int)r.Version),
            DtStamp = new CalDateTime(LastChanged(r).UtcDateTime, CalDateTime.UtcTzId),
            DtStart = At(start, zone),
            DtEnd = At(start + EventLength, zone),
            Summary = Summary(r),
            Description = Description(r, zone),
            Status = IsCancelled(r.Status) ? EventStatus.Cancelled : EventStatus.Confirmed,
            Categories = ["HipLog"],
        };
    }

    public static bool IsCancelled(RecommendationStatus status) =>
        status is RecommendationStatus.Dismissed or RecommendationStatus.Superseded or RecommendationStatus.Withdrawn;

    /// <summary>
    /// When the recommendation last changed, as far as its view records it (an acknowledgement keeps no time, and
    /// changes nothing the calendar shows).
    /// </summary>
    private static DateTimeOffset LastChanged(RecommendationView r) =>
        new[] { r.DetectedAt, r.DeliveredAt, r.ClosedAt, r.FollowUp?.At }.Where(t => t is not null).Max()!.Value;

    private static CalDateTime At(DateTimeOffset instant, TimeZoneInfo zone) =>
        IsUtc(zone)
            ? new CalDateTime(instant.UtcDateTime, CalDateTime.UtcTzId)
            : new CalDateTime(DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, zone).DateTime, DateTimeKind.Unspecified), zone.Id);

    private static bool IsUtc(TimeZoneInfo zone) => zone.Id is "UTC" or "Etc/UTC";

    /// <summary>
    /// Ical.Net writes a VTIMEZONE from its own copy of the time-zone database; a zone this system knows but that copy
    /// does not (a newer one) is written in UTC instead, which every app shows at the right moment.
    /// </summary>
    private static bool CanDefine(TimeZoneInfo zone)
    {
        if (IsUtc(zone))
            return false;
        try
        {
            return DefaultTimeZoneResolver.GetZone(zone.Id) is not null;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string Summary(RecommendationView r) => r.Kind == RecommendationKind.ClinicianReferral
        ? $"See a clinician about {TrendNotes.Where(r.Location, r.Side)}"
        : $"Stretch routine for {TrendNotes.Where(r.Location, r.Side)}";

    private static string Description(RecommendationView r, TimeZoneInfo zone)
    {
        var text = new StringBuilder();
        if (StatusLine(r, zone) is { } status)
            text.Append(status).Append("\n\n");
        if (r.FollowUp is { } followUp)
            text.Append(followUp.Message).Append("\n\n");
        if (r.Message is { Length: > 0 })
            text.Append(r.Message);
        if (r.Exercises.Count > 0)
        {
            text.Append("\n\nExercises:");
            foreach (var e in r.Exercises.Select(e => e.WithHowLong()))
                text.Append("\n- ").Append(e.Name).Append(": ").Append(Dose(e)).Append(". ").Append(e.Why);
        }

        return text.ToString().Trim();
    }

    private static string? StatusLine(RecommendationView r, TimeZoneInfo zone) => r.Status switch
    {
        RecommendationStatus.Completed when r.ClosedAt is { } done =>
            string.Format(En, "Done: you logged a stretch session for it at {0:yyyy-MM-dd HH:mm}.", TimeZoneInfo.ConvertTime(done, zone)),
        RecommendationStatus.Dismissed => "Cancelled: you dismissed it.",
        RecommendationStatus.Superseded => "Cancelled: a newer recommendation replaced it.",
        RecommendationStatus.Withdrawn => "Cancelled: it was withdrawn before it reached you.",
        _ => null,
    };

    /// <summary>"hold 8 breaths, each side", "3 × 10, hold 10 s, each side", "60 s, each side".</summary>
    public static string Dose(PrescribedExercise e)
    {
        var parts = new List<string>();
        if (e.Sets > 1 || e.Reps > 1)
            parts.Add(string.Format(En, "{0} × {1}", e.Sets, e.Reps));
        if (e.HoldBreaths is { } breaths)
            parts.Add(string.Format(En, "hold {0} breaths", breaths));
        else if (e.HoldSeconds is { } seconds)
            parts.Add(string.Format(En, "hold {0} s", seconds));
        else if (e.DurationSeconds is { } duration)
            parts.Add(string.Format(En, "{0} s", duration));
        parts.Add(e.Sides == "each-side" ? "each side" : "both sides together");
        return string.Join(", ", parts);
    }
}
