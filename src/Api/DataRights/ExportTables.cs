using System.Globalization;
using HipLog.Api.Http;
using HipLog.Domain.Pain;
using HipLog.Domain.Runs;
using HipLog.Domain.Stretching;
using HipLog.Domain.Watch;
using HipLog.Domain.Wire;

namespace HipLog.Api.DataRights;

/// <summary>
/// The export's CSV files: one row per standing entry, the columns named as the JSON answers name the fields, options
/// in kebab-case, times with their offset. Lists inside a row (exercises, reasons) are one field, items split by "; ".
/// </summary>
public static class ExportTables
{
    public static readonly string[] RunsHeader = [
        "id", "startedAt", "distanceKm", "durationSeconds", "perceivedEffort", "surface", "routeName", "shoes", "notes", "corrections",
        "elevationGainM", "avgHeartRate", "maxHeartRate"];

    public static readonly string[] PainReportsHeader = [
        "id", "reportedAt", "score", "location", "side", "timing", "character", "runId",
        "painAtRest", "painAtNight", "cannotBearWeight", "painWhenHopping", "notes", "corrections"];

    public static readonly string[] StretchSessionsHeader = [
        "id", "completedAt", "exercises", "painBefore", "painAfter", "recommendationId", "notes", "corrections"];

    public static readonly string[] RecommendationsHeader = [
        "id", "kind", "status", "location", "side", "detectedAt", "dueAt", "deliveredAt", "closedAt", "reasons", "advisories",
        "exercises", "message", "supersededBy", "followUp"];

    public static string?[] Row(RunView v)
    {
        var r = v.Run;
        return [v.Id.ToString(), Csv.Time(r.StartedAt), Csv.Number(r.DistanceKm), Csv.Number(r.DurationSeconds),
            Csv.Number(r.PerceivedEffort),
            r.Surface is { } surface ? Kebab.Of(surface) : null, r.RouteName, r.Shoes, r.Notes, Csv.Number(v.Corrections),
            Csv.Number(r.ElevationGainM), Csv.Number(r.AvgHeartRate), Csv.Number(r.MaxHeartRate)];
    }

    public static string?[] Row(PainReportView v)
    {
        var p = v.Report;
        return [v.Id.ToString(), Csv.Time(p.ReportedAt), Csv.Number(p.Score), Kebab.Of(p.Location), Kebab.Of(p.Side), Kebab.Of(p.Timing),
            Kebab.Of(p.Character), p.RunId?.ToString(), Csv.Flag(p.RedFlags.PainAtRest), Csv.Flag(p.RedFlags.PainAtNight),
            Csv.Flag(p.RedFlags.CannotBearWeight), Csv.Flag(p.RedFlags.PainWhenHopping), p.Notes, Csv.Number(v.Corrections)];
    }

    public static string?[] Row(StretchSessionView v)
    {
        var s = v.Session;
        return [v.Id.ToString(), Csv.Time(s.CompletedAt), string.Join("; ", s.Exercises.Select(Exercise)),
            Csv.Number(s.PainBefore), Csv.Number(s.PainAfter), s.RecommendationId, s.Notes, Csv.Number(v.Corrections)];
    }

    public static string?[] Row(RecommendationView v) => [
        v.Id, Kebab.Of(v.Kind), Kebab.Of(v.Status), Kebab.Of(v.Location), Kebab.Of(v.Side), Csv.Time(v.DetectedAt), Csv.Time(v.DueAt),
        Csv.Time(v.DeliveredAt), Csv.Time(v.ClosedAt), string.Join("; ", v.Reasons), string.Join("; ", v.Advisories),
        string.Join("; ", v.Exercises.Select(e => e.ExerciseId)), v.Message, v.SupersededBy, v.FollowUp?.Message];

    /// <summary>"lizard-lower-lunge both 8 breaths 1x1": what was done, on which side, held how long, sets x reps.</summary>
    private static string Exercise(ExerciseDone e)
    {
        var hold = e.HoldBreaths is { } breaths ? $" {breaths} breaths" : e.HoldSeconds is { } seconds ? $" {seconds} s" : "";
        return string.Create(CultureInfo.InvariantCulture, $"{e.ExerciseId} {Kebab.Of(e.Side)}{hold} {e.Sets}x{e.Reps}");
    }
}
