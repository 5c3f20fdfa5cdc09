using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Hangfire;
using HipLog.Domain.Erasure;
using HipLog.Domain.Runs.Import;
using HipLog.Worker.Erasure;
using HipLog.Worker.Imports;
using Marten;
using Marten.Subscriptions;

namespace HipLog.Worker.Watch;

/// <summary>
/// Reads every pain report, correction and retraction, and every profile change, in order, through Marten's async
/// daemon, a page at a time: the reports are judged, and the rest keeps <see cref="PainHistory"/> in step. An erasure
/// request is heard here too: the watch forgets the runner, and the erasure job is started; so is an archive
/// import's request, which starts its job.
/// </summary>
public sealed class PainWatchSubscription(PainWatchJudge judge, PainHistory history, IBackgroundJobClient jobs, ILogger<PainWatchSubscription> logger) : SubscriptionBase
{
    public const string SubscriptionName = "pain-watch";

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        if (history.Resume(page.SequenceFloor))
            logger.LogInformation("Pain watch: resumed at event {Floor} after a gap (another Worker judged in between); recent reports are read again", page.SequenceFloor);
        try
        {
            await judge.JudgeAsync(operations.DocumentStore, page.Events, cancellationToken);
        }
        catch
        {
            // A page that failed part way may have been followed in part; the daemon gives it again, to a memory read afresh.
            history.Forget();
            throw;
        }

        history.FollowedTo(page.SequenceCeiling);
        foreach (var erasure in page.Events.Select(e => e.Data).OfType<RunnerErasureRequested>())
            jobs.Enqueue<EraseRunner>(j => j.RunAsync(erasure.Key));
        foreach (var import in page.Events.Select(e => e.Data).OfType<RunImportRequested>())
            jobs.Enqueue<ImportRuns>(j => j.RunAsync(import.ImportId, CancellationToken.None));
        return NullChangeListener.Instance;
    }
}
