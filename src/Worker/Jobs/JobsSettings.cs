namespace HipLog.Worker.Jobs;

/// <summary>"Jobs" section: the Hangfire server and its dashboard.</summary>
public sealed class JobsSettings
{
    public const string Section = "Jobs";

    public int WorkerCount { get; set; } = 4;

    /// <summary>How often the server looks for due delayed jobs; Hangfire's default of 15 s would make deliveries late.</summary>
    public double PollIntervalSeconds { get; set; } = 1;

    public DashboardSettings Dashboard { get; set; } = new();

    /// <summary>How often the sweep looks for routines whose delivery was missed (cron).</summary>
    public string MissedDeliverySweepCron { get; set; } = "*/10 * * * *";

    /// <summary>Seconds before each new attempt of a failed webhook; after the last, the delivery is marked failed.</summary>
    public int[]? WebhookRetryDelaysSeconds { get; set; }

    public int[] RetryDelays => WebhookRetryDelaysSeconds is { Length: > 0 } configured ? configured : [10, 60, 300, 1800, 7200, 21600];
}

public sealed class DashboardSettings
{
    public string Path { get; set; } = "/jobs";

    // Who may open it (Jobs:Dashboard:Username and PasswordHash) is read by OperatorAccess, the rule /metrics shares.
}
