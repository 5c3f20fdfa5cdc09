using Microsoft.Extensions.Configuration;
using HipLog.Api.DataRights;
using HipLog.Domain.DataRights;
using HipLog.Domain.Webhooks;
using HipLog.Tests.Support;
using Wolverine.Marten;

namespace HipLog.Tests.DataRights;

/// <summary>The erasure endpoint and its decision, called directly: no host, no database.</summary>
public sealed class deciding_about_erasure
{
    private static readonly string Key = new ErasureKeys(TestHosts.ErasureSecret).For("alice");

    [Fact]
    public void the_key_is_an_hmac_with_the_servers_secret_not_a_bare_hash()
    {
        var bare = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("alice"u8));
        var other = new ErasureKeys(new string('x', ErasureKeys.MinSecretLength));

        Key.ShouldStartWith(ErasureKeys.Prefix);
        Key.ShouldNotContain(bare);
        other.For("alice").ShouldNotBe(Key, "another secret makes other keys");
        new ErasureKeys(TestHosts.ErasureSecret).Rekey(bare).ShouldBe(Key, "a record under the bare hash moves to the same key");
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("too-short", false)]
    [InlineData("hiplog-development-erasure-secret-not-for-real-data", false)]
    [InlineData("too-short", true)]
    public void no_host_starts_without_a_secret_of_its_own(string? secret, bool development)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ErasureKeys.Setting] = secret }).Build();

        Should.Throw<InvalidOperationException>(() => ErasureKeys.From(configuration, development)).Message
            .ShouldContain("DataRights__ErasureSecret");
    }

    [Fact]
    public void a_runner_with_a_log_is_erased_in_the_background()
    {
        var (written, ops) = EraseRunnerEndpoint.Delete("alice", new ErasureState(Key, null, HoldsData: true), Decisions.Clock());

        var request = RunnerErasure.Ask(Key, "alice", Decisions.Now);
        written.ShouldAnswer(202, ErasureResponse.From(request), "/runners/alice/erasure");
        ops.Last().AppendsOne<RunnerErasureRequested>(RunnerErasure.StreamFor(request.Id))
            .ShouldBe(new RunnerErasureRequested(request.Id, Decisions.Now));
    }

    [Fact]
    public void a_runner_with_a_log_loses_their_webhook_in_the_write_that_asks_for_the_erasure()
    {
        var (_, ops) = EraseRunnerEndpoint.Delete("alice", new ErasureState(Key, null, HoldsData: true), Decisions.Clock());

        ops.Select(op => op.GetType())
            .ShouldBe([typeof(StoreDoc<ErasureRequest>), typeof(DeleteDocById<WebhookSubscription>), typeof(AppendToStream)]);
    }

    [Fact]
    public void asking_again_while_it_is_pending_is_answered_with_the_same_erasure()
    {
        var pending = RunnerErasure.Ask(Key, "alice", Decisions.Now.AddMinutes(-1));

        var (written, ops) = EraseRunnerEndpoint.Delete("alice", new ErasureState(Key, pending, HoldsData: true), Decisions.Clock());

        written.ShouldAnswer(202, ErasureResponse.From(pending), "/runners/alice/erasure");
        ops.ShouldBeEmpty();
    }

    [Fact]
    public void asking_again_once_it_is_done_is_answered_204()
    {
        var done = RunnerErasure.Ask(Key, "alice", Decisions.Now.AddDays(-1)) with { RunnerId = null, Status = ErasureStatus.Done };

        var (written, ops) = EraseRunnerEndpoint.Delete("alice", new ErasureState(Key, done, HoldsData: false), Decisions.Clock());

        written.Status.ShouldBe(204);
        ops.ShouldBeEmpty();
    }

    [Fact]
    public void a_runner_never_seen_is_not_found()
    {
        EraseRunnerEndpoint.Validate(new ErasureState(Key, null, HoldsData: false)).Status.ShouldBe(404);
    }
}
