using System.Diagnostics.Metrics;

namespace HipLog.ServiceDefaults;

/// <summary>
/// HipLog's own instruments, on one meter both hosts export (docs/operations.md, "Telemetry"). Labels carry categories
/// only, never a runner id or anything a runner wrote.
/// </summary>
public static class HipLogMetrics
{
    public const string MeterName = "HipLog";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> EntriesWritten = Meter.CreateCounter<long>("hiplog.entries.written", "{entry}",
        "Runs, pain reports and stretch sessions recorded, corrected or retracted, by kind");

    private static readonly Counter<long> Assessments = Meter.CreateCounter<long>("hiplog.watch.assessments", "{report}",
        "Pain reports the watch looked at, by outcome: none, routine, clinician, skipped-backfill");

    private static readonly Histogram<double> Lateness = Meter.CreateHistogram("hiplog.delivery.lateness", "s",
        "Delivered-at minus due-at of each routine delivered",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600] });

    private static readonly Counter<long> WebhookAttempts = Meter.CreateCounter<long>("hiplog.webhook.attempts", "{attempt}",
        "Webhook posts, by result: delivered, gone, or the failure's category");

    private static readonly Counter<long> RateLimited = Meter.CreateCounter<long>("hiplog.requests.rate_limited", "{request}",
        "Requests answered 429 because their runner or address was over its limit");

    private static readonly Counter<long> Refused = Meter.CreateCounter<long>("hiplog.requests.refused", "{request}",
        "Requests refused before any handler read them, by reason");

    private static readonly Counter<long> SetAside = Meter.CreateCounter<long>("hiplog.watch.set_aside", "{event}",
        "Events of a runner the pain watch could not judge and set aside, so that every other runner goes on");

    private static WatchProgress? watch;

    static HipLogMetrics()
    {
        // Reported only by a process that samples the watch (a Worker); an Api has nothing to say about it.
        Meter.CreateObservableGauge("hiplog.watch.lag", () => watch is { } w ? [new Measurement<double>(w.LagSeconds)]
            : Array.Empty<Measurement<double>>(),
            "s", "Age of the oldest event the pain watch has not judged yet (0 when it is caught up)");
        Meter.CreateObservableGauge("hiplog.watch.events_behind", () => watch is { } w ? [new Measurement<long>(w.EventsBehind)]
            : Array.Empty<Measurement<long>>(),
            "{event}", "The store's high-water mark minus the pain watch's position");
    }

    public static void EntryWritten(string kind, int count = 1)
        => EntriesWritten.Add(count, new KeyValuePair<string, object?>("kind", kind));

    public static void Assessed(string outcome) => Assessments.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public static void Delivered(TimeSpan late) => Lateness.Record(Math.Max(0, late.TotalSeconds));

    public static void WebhookAttempted(string result) => WebhookAttempts.Add(1, new KeyValuePair<string, object?>("result", result));

    public static void WatchSetAside(int events) => SetAside.Add(events);

    public static void RequestRateLimited() => RateLimited.Add(1);

    public static void RequestRefused(string reason) => Refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public static void WatchSampled(WatchProgress progress) => watch = progress;
}

/// <param name="LagSeconds">How long the oldest event the watch has not judged has been waiting; 0 when none waits.</param>
/// <param name="EventsBehind">The store's high-water mark minus the watch's position.</param>
public sealed record WatchProgress(long Position, long HighWaterMark, double LagSeconds)
{
    public long EventsBehind => Math.Max(0, HighWaterMark - Position);
}

/// <summary>The outcomes of <c>hiplog.watch.assessments</c>.</summary>
public static class AssessmentOutcomes
{
    public const string None = "none";
    public const string Routine = "routine";
    public const string Clinician = "clinician";
    public const string SkippedBackfill = "skipped-backfill";
}
