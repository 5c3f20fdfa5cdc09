using System.Globalization;
using HipLog.Api.DataRights;
using HipLog.Domain.Pain;
using HipLog.Domain.Stretching;
using HipLog.Domain.Time;
using HipLog.Domain.Trends;
using HipLog.Domain.Watch;
using Marten;

namespace HipLog.Api.Trends;

/// <summary>What the runner did, and was told, over a report's days: the chart's markers.</summary>
public static class ReportActivity
{
    /// <summary>
    /// The routines delivered or completed, the stretch sessions and the red-flag answers of a range of local days: one
    /// round trip of three queries. Sessions and reports are read by the runner-and-time indexes for just these days;
    /// routines by runner and detection time up to the range's end (a routine may be completed weeks after it was sent,
    /// and a runner gets a few a month at most).
    /// </summary>
    public static async Task<IReadOnlyList<ChartMarker>> LoadAsync(IQuerySession session, string runnerId, DayRange range,
        TimeZoneInfo zone, CancellationToken ct)
    {
        var from = LocalCalendar.StartOfDay(range.From, zone);
        var to = LocalCalendar.StartOfDay(range.To.AddDays(1), zone);

        var batch = session.CreateBatchQuery();
        // A routine is delivered, and completed by a session, after it is detected: detection bounds the read from above.
        // It is marked completed on the day of the session that completed it, which is logged (ClosedAt) after it was done.
        var routines = batch.Query<RecommendationView>()
            .Where(r => r.RunnerId == runnerId && r.Kind == RecommendationKind.Routine && r.DetectedAt < to
                        && ((r.DeliveredAt >= from && r.DeliveredAt < to)
                            || (r.Status == RecommendationStatus.Completed && r.ClosedAt >= from)))
            .ToList();
        var sessions = batch.Query<StretchSessionView>().Where(s => s.RunnerId == runnerId && s.OccurredAt >= from && s.OccurredAt < to)
            .ToList();
        var redFlags = batch.Query<PainReportView>()
            .Where(v => v.RunnerId == runnerId && v.OccurredAt >= from && v.OccurredAt < to
                        && (v.Report.RedFlags.PainAtRest || v.Report.RedFlags.PainAtNight || v.Report.RedFlags.CannotBearWeight
                            || v.Report.RedFlags.PainWhenHopping))
            .ToList();
        await batch.Execute(ct);

        DateOnly Day(DateTimeOffset at) => LocalCalendar.LocalDay(at, zone);
        var markers = new List<ChartMarker>();
        var stretching = (await sessions).ToDictionary(s => s.Id);
        foreach (var routine in await routines)
        {
            var place = TrendNotes.Where(routine.Location, routine.Side);
            if (routine.DeliveredAt is { } delivered)
                markers.Add(new ChartMarker(Day(delivered), ChartMarkerKind.RoutineDelivered,
                    $"Routine sent for {place}"
                        + (routine.Exercises.Count > 0 ? $": {string.Join(", ", routine.Exercises.Select(e => e.Name))}" : "")));
            if (routine is { Status: RecommendationStatus.Completed, CompletedBy: { } by }
                && stretching.TryGetValue(by, out var completing))
                markers.Add(new ChartMarker(Day(completing.OccurredAt), ChartMarkerKind.RoutineCompleted,
                    $"Routine for {place} completed"));
        }

        foreach (var stretch in stretching.Values)
            markers.Add(new ChartMarker(Day(stretch.OccurredAt), ChartMarkerKind.StretchSession, SessionText(stretch.Session)));

        foreach (var report in await redFlags)
            markers.Add(new ChartMarker(Day(report.OccurredAt), ChartMarkerKind.RedFlag, RedFlagText(report.Report)));

        return markers.Where(m => range.Contains(m.Day)).OrderBy(m => m.Day).ThenBy(m => m.Kind).ToList();
    }

    /// <summary>"Red flag: pain at night (the front of the left hip, 6/10)".</summary>
    private static string RedFlagText(PainDetails report)
    {
        var answered = PainObservations.RedFlagQuestions.Where(q => q.Answer(report.RedFlags)).Select(q => q.Display.ToLowerInvariant());
        return $"Red flag: {string.Join(", ", answered)} ({TrendNotes.Where(report.Location, report.Side)}, {report.Score}/10)";
    }

    private static string SessionText(StretchSessionDetails session)
    {
        var exercises = session.Exercises.Count == 1 ? "1 exercise" : $"{session.Exercises.Count} exercises";
        var pain = (session.PainBefore, session.PainAfter) switch
        {
            ({ } before, { } after) => string.Create(CultureInfo.InvariantCulture, $"pain {before} → {after}"),
            ({ } before, null) => $"pain {before} before, not rated after",
            (null, { } after) => $"pain {after} after, not rated before",
            _ => "pain not rated",
        };
        return $"Stretch session, {exercises}: {pain}";
    }
}
