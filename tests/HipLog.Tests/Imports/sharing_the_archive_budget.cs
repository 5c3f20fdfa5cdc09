using HipLog.Api.Imports;

namespace HipLog.Tests.Imports;

/// <summary>The bytes an Api writes to PostgreSQL at once, taken and given back directly: no host, no database.</summary>
public sealed class sharing_the_archive_budget
{
    private const long Largest = ArchiveStores.Budget / 2;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task two_of_the_largest_archives_are_stored_at_once_and_a_third_waits_for_one_of_them()
    {
        var stores = new ArchiveStores(Patience);
        var first = await stores.TakeAsync(Largest, default);
        await stores.TakeAsync(Largest, default);

        var third = stores.TakeAsync(Largest, default);
        await Task.Delay(50);
        third.IsCompleted.ShouldBeFalse();

        first!.Dispose();
        (await third.WaitAsync(Patience)).ShouldNotBeNull();
    }

    [Fact]
    public async Task a_small_archive_does_not_pass_a_large_one_that_waits()
    {
        var stores = new ArchiveStores(Patience);
        var first = await stores.TakeAsync(Largest, default);
        var second = await stores.TakeAsync(Largest / 2, default);
        var large = stores.TakeAsync(Largest, default);
        var small = stores.TakeAsync(1, default);
        await Task.Delay(50);
        (large.IsCompleted, small.IsCompleted).ShouldBe((false, false));

        first!.Dispose();
        (await large.WaitAsync(Patience)).ShouldNotBeNull();
        (await small.WaitAsync(Patience)).ShouldNotBeNull();
    }

    [Fact]
    public async Task a_turn_that_does_not_come_in_time_is_none_and_holds_nothing()
    {
        var stores = new ArchiveStores(TimeSpan.FromMilliseconds(100));
        var first = await stores.TakeAsync(ArchiveStores.Budget, default);

        (await stores.TakeAsync(Largest, default)).ShouldBeNull();

        first!.Dispose();
        (await stores.TakeAsync(ArchiveStores.Budget, default)).ShouldNotBeNull();
    }

    [Fact]
    public async Task an_upload_given_up_while_waiting_leaves_the_queue_to_the_next()
    {
        var stores = new ArchiveStores(Patience);
        var first = await stores.TakeAsync(ArchiveStores.Budget, default);
        using var abandon = new CancellationTokenSource();
        var given_up = stores.TakeAsync(ArchiveStores.Budget, abandon.Token);
        var next = stores.TakeAsync(Largest, default);

        await abandon.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(given_up);
        first!.Dispose();

        (await next.WaitAsync(Patience)).ShouldNotBeNull();
    }

    [Fact]
    public async Task a_turn_given_back_twice_is_given_back_once()
    {
        var stores = new ArchiveStores(TimeSpan.FromMilliseconds(100));
        var first = await stores.TakeAsync(Largest, default);
        await stores.TakeAsync(Largest, default);

        first!.Dispose();
        first.Dispose();

        (await stores.TakeAsync(Largest, default)).ShouldNotBeNull();
        (await stores.TakeAsync(Largest, default)).ShouldBeNull();
    }
}
