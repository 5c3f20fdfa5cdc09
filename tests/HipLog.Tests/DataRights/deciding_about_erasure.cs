using HipLog.Api.DataRights;
using HipLog.Domain.DataRights;
using HipLog.Domain.Webhooks;
using HipLog.Tests.Support;
using Wolverine.Marten;

namespace HipLog.Tests.DataRights;

/// <summary>The erasure endpoint and its decision, called directly: no host, no database.</summary>
public sealed class deciding_about_erasure
{
    [Fact]
    public void a_runner_with_a_log_is_erased_in_the_background()
    {
        var (written, ops) = EraseRunnerEndpoint.Delete("alice", new ErasureState(null, HoldsData: true), Decisions.Clock());

        var request = RunnerErasure.Ask("alice", Decisions.Now);
        written.ShouldAnswer(202, ErasureResponse.From(request), "/runners/alice/erasure");
        ops.Last().AppendsOne<RunnerErasureRequested>(RunnerErasure.StreamFor(request.Id))
            .ShouldBe(new RunnerErasureRequested(request.Id, Decisions.Now));
    }

    [Fact]
    public void a_runner_with_a_log_loses_their_webhook_in_the_write_that_asks_for_the_erasure()
    {
        var (_, ops) = EraseRunnerEndpoint.Delete("alice", new ErasureState(null, HoldsData: true), Decisions.Clock());

        ops.Select(op => op.GetType())
            .ShouldBe([typeof(StoreDoc<ErasureRequest>), typeof(DeleteDocById<WebhookSubscription>), typeof(AppendToStream)]);
    }

    [Fact]
    public void asking_again_while_it_is_pending_is_answered_with_the_same_erasure()
    {
        var pending = RunnerErasure.Ask("alice", Decisions.Now.AddMinutes(-1));

        var (written, ops) = EraseRunnerEndpoint.Delete("alice", new ErasureState(pending, HoldsData: true), Decisions.Clock());

        written.ShouldAnswer(202, ErasureResponse.From(pending), "/runners/alice/erasure");
        ops.ShouldBeEmpty();
    }

    [Fact]
    public void asking_again_once_it_is_done_is_answered_204()
    {
        var done = RunnerErasure.Ask("alice", Decisions.Now.AddDays(-1)) with { RunnerId = null, Status = ErasureStatus.Done };

        var (written, ops) = EraseRunnerEndpoint.Delete("alice", new ErasureState(done, HoldsData: false), Decisions.Clock());

        written.Status.ShouldBe(204);
        ops.ShouldBeEmpty();
    }

    [Fact]
    public void a_runner_never_seen_is_not_found()
    {
        EraseRunnerEndpoint.Validate(new ErasureState(null, HoldsData: false)).Status.ShouldBe(404);
    }
}
