using HipLog.Domain.Pain;
using HipLog.Domain.Watch;
using HipLog.ServiceDefaults;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace HipLog.Worker.Watch;

/// <summary>
/// The priority lane of the pain watch: a subscription of its own over the main watch's events that advises a
/// clinician on an urgent report (a red-flag answer, or a score at the severe threshold) without waiting behind the main
/// watch's backlog. It decides with the main watch's own judgement, under the same recommendation id, so whichever
/// lane comes first decides and the other finds it decided. The lane only speeds advice up: a page it cannot judge is
/// left to the main watch, which judges every report at its own pace.
/// </summary>
/// <remarks>It follows every event the main watch does, to remember the runners' recent reports as the main watch
/// does (the advice's reasons include the rules that read them), and judges only the urgent ones.</remarks>
public sealed class RedFlagLane(PainWatchJudge judge, ILogger<RedFlagLane> logger) : SubscriptionBase
{
    public const string SubscriptionName = "red-flag-lane";

    /// <summary>
    /// How fresh a report must be for the lane to judge it. Older ones are the main watch's: the lane reading a long log
    /// (its first start on an install with a history, a Worker back after hours) only follows it, and catches up at read
    /// speed instead of deciding again what the main watch decided long ago.
    /// </summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromMinutes(10);

    public static bool Takes(WatchedReport report, PainWatchOptions o, DateTimeOffset now) =>
        IsUrgent(report.Details, o) && now - report.Event.Timestamp <= Horizon;

    /// <summary>A yes to any red-flag question, or a score at the severe threshold: advice that needs no history.</summary>
    public static bool IsUrgent(PainDetails report, PainWatchOptions o) => report.RedFlags.Any || report.Score >= o.SevereScore;

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        await judge.LaneHistory.FollowPageAsync(page.SequenceFloor, page.SequenceCeiling, async () =>
        {
            try
            {
                await judge.JudgeUrgentAsync(operations.DocumentStore, page.Events, cancellationToken);
            }
            catch (Exception e) when (!Outages.IsUnreachable(e) && !cancellationToken.IsCancellationRequested)
            {
                // Left to the main watch; what the lane remembers is read again, as after any failed page.
                judge.LaneHistory.Forget();
                logger.LogWarning(e, "Red-flag lane: the urgent reports of events {Floor}–{Ceiling} left to the main watch",
                    page.SequenceFloor, page.SequenceCeiling);
            }
        });
        return NullChangeListener.Instance;
    }

    public static void Register(MartenServiceCollectionExtensions.MartenConfigurationExpression marten) =>
        marten.AddSubscriptionWithServices<RedFlagLane>(ServiceLifetime.Scoped, o =>
        {
            o.Name = SubscriptionName;
            WatchConfiguration.IncludeWatchedTypes(o);
        });
}
