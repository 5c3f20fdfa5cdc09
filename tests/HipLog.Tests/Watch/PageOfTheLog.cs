using HipLog.Tests.Support;
using HipLog.Domain.DataRights;
using HipLog.Domain.Pain;
using HipLog.Domain.Profiles;
using HipLog.Domain.Trends;
using HipLog.Domain.Watch;
using HipLog.Worker.Watch;
using JasperFx.Events;

namespace HipLog.Tests.Watch;

/// <summary>A page of the log to judge, without I/O: the page as the loader would have read it, the history the watch
/// remembers.</summary>
public abstract class PageOfTheLog
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    protected static readonly PainDetails Flare =
        new(7, PainLocation.FrontHip, BodySide.Left, PainTiming.AfterRun, PainCharacter.Ache, null, RedFlags.None, null, Now.AddHours(-1));

    protected readonly PainHistory history = new(new ErasureKeys(TestHosts.ErasureSecret));
    protected readonly List<IEvent> events = [];
    protected readonly Dictionary<Guid, PainReportView> standing = [];
    protected readonly Dictionary<string, List<RecommendationView>> recommendations = [];
    protected readonly List<string> referrals = [];

    protected IEvent Report(string runner, PainDetails report, bool stands = true)
    {
        var reported = new PainReported(runner, Guid.NewGuid(), report);
        if (stands)
            standing[reported.ReportId] = PainReportView.Of(reported);
        return Add(reported);
    }

    protected IEvent Add(object data)
    {
        var e = new Event<object>(data) { Id = Guid.NewGuid(), Sequence = events.Count + 1, Timestamp = Now };
        events.Add(e);
        return e;
    }

    protected Verdict Judge(params string[] decided)
    {
        var runners = events.Select(e => e.Data).OfType<IPainReportEvent>().Select(r => r.RunnerId).Distinct().ToList();
        foreach (var runner in runners.Where(r => !history.Knows(r)))
            history.Remember(runner, new RunnerPain("Europe/Berlin", Now - PainHistory.Kept, [], Now));
        var page = new WatchPage
        {
            Decided = [.. decided], Standing = standing, Recommendations = recommendations, Evidence = [], Webhooks = [], Sessions = [],
            DecidedReferrals = [.. referrals],
            Profiles = runners.ToDictionary(r => r, r
                => new RunnerProfile(r, r, "Europe/Berlin", new TimeOnly(7, 30), null, null, Now, Now)),
            Training = runners.ToDictionary(r => r, r => new TrainingWindow(TrainingLoad.Empty(r), null, [])),
        };
        var reports = events.Select(e => WatchedReport.Of(e, PainWatchOptions.Default)).OfType<WatchedReport>().ToList();
        return PageJudgement.Judge(events, reports, page, history, Now, PainWatchOptions.Default);
    }
}
