using System.Globalization;
using HipLog.Domain.Pain;
using HipLog.Domain.Profiles;
using HipLog.Domain.Runs;
using HipLog.Domain.Stretching;
using HipLog.Domain.Wire;

namespace HipLog.Domain.Timeline;

/// <summary>What a training-log event means to the runner, in a line.</summary>
public sealed record TimelineDescription(string Type, Guid? EntryId, DateTimeOffset? OccurredAt, string Summary);

public static class TimelineDescriber
{
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    public static TimelineDescription Describe(object data) => data switch
    {
        RunnerRegistered e => new("runner-registered", null, null, $"Joined HipLog as {e.DisplayName} ({e.TimeZone}).") ,
        RunnerProfileUpdated e => new("runner-profile-updated", null, null,
            $"Updated the profile (reminders at {e.ReminderTime:HH\\:mm} {e.TimeZone})."),
        RunLogged e => new("run-logged", e.RunId, e.Run.StartedAt, "Logged " + Run(e.Run) + "."),
        RunCorrected e => new("run-corrected", e.RunId, e.Run.StartedAt, "Corrected a run to " + Run(e.Run) + "."),
        RunRetracted e => new("run-retracted", e.RunId, e.RetractedAt, "Retracted a run."),
        PainReported e => new("pain-reported", e.ReportId, e.Report.ReportedAt, "Reported " + Pain(e.Report) + "."),
        PainReportCorrected e => new("pain-report-corrected", e.ReportId, e.Report.ReportedAt, "Corrected a pain report to "
            + Pain(e.Report) + "."),
        PainReportRetracted e => new("pain-report-retracted", e.ReportId, e.RetractedAt, "Retracted a pain report."),
        StretchSessionCompleted e
            => new("stretch-session-completed", e.SessionId, e.Session.CompletedAt, $"Completed a stretch session: {Session(e.Session)}."),
        StretchSessionCorrected e
            => new("stretch-session-corrected", e.SessionId, e.Session.CompletedAt,
            $"Corrected a stretch session to: {Session(e.Session)}."),
        StretchSessionRetracted e => new("stretch-session-retracted", e.SessionId, e.RetractedAt, "Retracted a stretch session."),
        _ => new(Kebab.Of(data.GetType().Name), null, null, "Recorded " + Kebab.Of(data.GetType().Name).Replace('-', ' ') + "."),
    };

    private static string Run(RunDetails r) => string.Format(En, "{0} {1:0.##} km {2}run of {3} min{4}",
        English.IndefiniteArticle(Math.Round(r.DistanceKm, 2)), r.DistanceKm, r.Surface is { } surface ? Kebab.Of(surface) + " " : "",
        Math.Round(r.DurationSeconds / 60.0), r.PerceivedEffort is { } effort ? $" at effort {effort}/10" : ", effort not given");

    private static string Pain(PainDetails p)
    {
        var side = p.Side == BodySide.Both ? "both sides" : $"the {Kebab.Of(p.Side)} side";
        var text = string.Format(En, "{0}/10 {1} pain, {2}, on {3}, {4}",
            p.Score, Kebab.Of(p.Character), Kebab.Of(p.Location).Replace('-', ' '), side, Kebab.Of(p.Timing).Replace('-', ' '));
        return p.RedFlags.Any ? text + ", with a red-flag answer" : text;
    }

    private static string Session(StretchSessionDetails s)
    {
        var names = s.Exercises.Select(e => StretchCatalogue.Find(e.ExerciseId)?.Name ?? e.ExerciseId).Distinct();
        var pain = s is { PainBefore: { } before, PainAfter: { } after } ? $" (pain {before} → {after})" : "";
        return string.Join(", ", names) + pain;
    }
}
