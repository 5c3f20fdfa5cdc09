using System.Globalization;
using HipLog.Domain.Pain;
using HipLog.Domain.Stretching;
using HipLog.Domain.Time;
using HipLog.Domain.Trends;
using HipLog.Domain.Watch;

namespace HipLog.Domain.Clinician;

/// <summary>What the pain watch did, and why, in the plain words the clinician summary uses.</summary>
public static class ClinicianWords
{
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    public static RecommendationRow Recommendation(RecommendationView r, TimeZoneInfo zone)
    {
        string On(DateTimeOffset? at) => at is { } a ? " " + LocalCalendar.LocalDay(a, zone).ToString("d MMM", En) : "";
        var delivered = r.Kind == RecommendationKind.ClinicianReferral ? "shown at once" : $"delivered{On(r.DeliveredAt)}";
        var outcome = r.Status switch
        {
            RecommendationStatus.Scheduled => $"scheduled for{On(r.DueAt)}, not delivered yet",
            RecommendationStatus.Delivered => $"{delivered}; no answer from the runner",
            RecommendationStatus.Acknowledged => $"{delivered}; acknowledged by the runner",
            RecommendationStatus.Completed => $"{delivered}; completed with a stretch session{On(r.ClosedAt)}",
            RecommendationStatus.Dismissed => $"{delivered}; dismissed by the runner{On(r.ClosedAt)}",
            RecommendationStatus.Superseded => $"replaced by a newer one{On(r.ClosedAt)} before the runner took it up",
            RecommendationStatus.Withdrawn => $"withdrawn{On(r.ClosedAt)} before delivery: {FollowUpWords(r.FollowUp?.Reason)}",
            _ => r.Status.ToString().ToLowerInvariant(),
        };
        if (r.Status != RecommendationStatus.Withdrawn && r.FollowUp is { } followUp)
            outcome += $"; later {FollowUpWords(followUp.Reason)}";
        var why = r.Reasons.Select(Reason).Concat(r.Advisories.Select(a => Advisory(a, r.LoadRatio))).ToList();
        return new RecommendationRow(LocalCalendar.LocalDay(r.DetectedAt, zone), r.Kind, r.Location, r.Side, why, outcome);
    }

    /// <summary>The pain watch's rule ids (see <see cref="PainRules"/> and <see cref="PainWatch"/>) as short names in plain
    /// words.</summary>
    public static string Reason(string id) => id switch
    {
        PainRules.Flare => "flare",
        PainRules.NotSettling => "not settling",
        PainRules.RisingWeek => "rising week",
        PainRules.Streak => "streak",
        PainRules.EaseMileage => "high training load",
        _ when id.StartsWith(RedFlagPrefix, StringComparison.Ordinal) => "red flag: " + id[RedFlagPrefix.Length..].Replace('-', ' '),
        _ => id.Replace('-', ' '),
    };

    /// <summary>What a rule means, told once under the table rather than in every row.</summary>
    public static string? Definition(string id) => id switch
    {
        PainRules.Flare => string.Format(En, "pain {0}/10 or more, above the 5/10 acceptable while training",
            PainWatchOptions.Default.FlareScore),
        PainRules.NotSettling => "worse the next morning than after the day before's run",
        PainRules.RisingWeek => string.Format(En, "the 7-day mean for the place {0:0} or more points above the 28 days before",
            PainWatchOptions.Default.RisingWeekPoints),
        PainRules.Streak => string.Format(En, "{0} reports for the place in a row, each higher", PainWatchOptions.Default.StreakLength),
        PainRules.EaseMileage => string.Format(En, "acute:chronic ratio {0:0.0} or more; HipLog advised easing the mileage",
            PainWatchOptions.Default.HighLoadRatio),
        "red-flag:severe-pain" => string.Format(En, "a score of {0}/10 or more", PainWatchOptions.Default.SevereScore),
        "red-flag:groin-pain-with-running" => "groin pain during or after running that keeps rising",
        "red-flag:not-improving"
            => string.Format(En, "pain still rising {0} days after the first routine, despite stretching",
            PainWatchOptions.Default.StillRisingAfterDays),
        "red-flag:stretches-not-helping" => "the stretches for this place raised the pain more than once",
        _ => null,
    };

    private const string RedFlagPrefix = "red-flag:";

    private static string Advisory(string id, double? ratio) => id == PainRules.EaseMileage && ratio is { } r
        ? string.Format(En, "{0} ({1:0.00})", Reason(id), r)
        : Reason(id);

    private static string FollowUpWords(string? reason) => reason switch
    {
        FollowUpReasons.ReportRetracted => "the runner retracted the pain report behind it",
        FollowUpReasons.ReportCorrected => "the runner corrected the pain report behind it, which no longer fires a rule",
        FollowUpReasons.RedFlagCleared => "the runner corrected the pain report behind it, which no longer has a red flag",
        _ => "the pain report behind it changed",
    };

    /// <summary>The rules named in the rows shown, each once, in the order the watch checks them.</summary>
    public static IReadOnlyList<(string Name, string Meaning)> Rules(IEnumerable<string> ids) =>
        ids.Distinct().Select(id => (Id: id, Meaning: Definition(id))).Where(x => x.Meaning is not null)
            .OrderBy(x => Array.IndexOf(RuleOrder, x.Id) is var i && i < 0 ? int.MaxValue : i).ThenBy(x => x.Id, StringComparer.Ordinal)
            .Select(x => (Reason(x.Id), x.Meaning!)).ToList();

    private static readonly string[] RuleOrder = [PainRules.Flare, PainRules.NotSettling, PainRules.RisingWeek, PainRules.Streak,
        PainRules.EaseMileage];
}
