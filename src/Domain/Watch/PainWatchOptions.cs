namespace HipLog.Domain.Watch;

/// <summary>
/// Every threshold of the pain watch in one place (docs/pain-watch.md). Sources: the pain-monitoring model (Silbernagel et al.
/// 2007: up to 5/10 during activity is acceptable, pain should settle by the next morning and not rise week to week),
/// the minimal clinically important difference of about 2 points on a 0–10 scale, and the acute:chronic workload
/// ratio (Gabbett 2016: 1.5 and above is risky).
/// </summary>
public sealed record PainWatchOptions
{
    public int FlareScore { get; init; } = 6;
    public int SevereScore { get; init; } = 8;
    public double RisingWeekPoints { get; init; } = 2.0;
    public int RisingWeekMinReports { get; init; } = 3;
    public int StreakLength { get; init; } = 3;
    public double HighLoadRatio { get; init; } = 1.5;
    public TimeSpan BackfillAfter { get; init; } = TimeSpan.FromHours(48);
    public int StillRisingAfterDays { get; init; } = 14;
    public int TimesRaisedToLeaveOut { get; init; } = 2;

    /// <summary>The traffic light's amber: a score from this up to the flare (3–5, "acceptable" in the pain-monitoring model).</summary>
    public int WatchfulScore { get; init; } = 3;

    /// <summary>How long a red-flag answer keeps the traffic light red.</summary>
    public int RedFlagStandsDays { get; init; } = 14;

    public static PainWatchOptions Default { get; } = new();
}
