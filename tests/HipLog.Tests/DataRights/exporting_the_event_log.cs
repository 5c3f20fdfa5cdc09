using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.DataRights;

/// <summary>The export's JSON holds every event of the runner's log, then of their recommendations', as written.</summary>
[Collection(ExportedHistoryCollection.Name)]
public sealed class exporting_the_event_log(ExportedHistory history)
{
    private readonly ExportedLog log = history.Log;

    [Fact]
    public void every_event_of_the_runners_log_is_exported_in_the_order_written()
    {
        var own = history.Own;

        own.Select(e => e.Type).ShouldBe([
            "runner-registered", "run-logged", "run-logged", "run-corrected", "run-retracted", "pain-reported", "pain-reported",
                "stretch-session-completed"]);
        own.Select(e => e.Version).ShouldBe([1, 2, 3, 4, 5, 6, 7, 8]);
        own.Select(e => e.Sequence).ShouldBeInOrder();
    }

    [Fact]
    public void a_retracted_runs_events_are_exported_too()
    {
        history.Own.Where(e => e.Data.TryGetProperty("runId", out var id) && id.GetGuid() == history.Retracted).Select(e => e.Type)
            .ShouldBe(["run-logged", "run-retracted"]);
    }

    [Fact]
    public void events_are_dated_on_the_runners_clock()
    {
        history.Own.ShouldAllBe(e => e.RecordedAt.OnTheirClock().EndsWith("+01:00"));
    }

    [Fact]
    public void event_data_is_in_the_wire_format()
    {
        history.Own[1].Data.GetProperty("run").GetProperty("surface").GetString().ShouldBe("trail");
    }

    [Fact]
    public void the_recommendations_events_follow_the_runners()
    {
        var id = history.Advice.Id;

        log.Events.Skip(history.Own.Count).Select(e => $"{e.Stream} {e.Version} {e.Type}")
            .ShouldBe([$"{id} 1 pain-rise-detected", $"{id} 2 clinician-referral-advised"]);
    }
}
