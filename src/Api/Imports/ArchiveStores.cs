namespace HipLog.Api.Imports;

/// <summary>
/// Bounds the archive bytes this Api writes to PostgreSQL at once. Eight 250 MB inserts at the same time took longer
/// than a command may (2 GB of heap and WAL at once on two cores) and all eight failed; taken in turn, in order of
/// arrival, each is written in a few seconds. An archive waits here after it has been uploaded and checked, before
/// its transaction, holding no connection; one larger than the budget goes alone. One per Api (a service of the host).
/// </summary>
public sealed class ArchiveStores
{
    /// <summary>Two of the largest archives an import takes.</summary>
    public const long Budget = 2 * Domain.Imports.ActivityArchive.MaxArchiveBytes;

    private readonly LinkedList<Waiter> waiting = [];
    private readonly TimeSpan maxWait;
    private long inFlight;

    /// <param name="maxWait">
    /// Longer than the budget's worth of stores takes on a busy machine; past it, the upload is a 503 to retry.
    /// </param>
    public ArchiveStores(TimeSpan maxWait) => this.maxWait = maxWait;

    /// <summary>
    /// Waits until the archive's bytes fit in the budget; disposing of the turn gives them back. Null when the turn did not
    /// come within the longest wait.
    /// </summary>
    public async Task<IDisposable?> TakeAsync(long bytes, CancellationToken ct)
    {
        var waiter = Enter(bytes);
        if (waiter is not null && !await AwaitAsync(waiter, ct))
            return null;
        return new Held(this, bytes);
    }

    /// <summary>Null when the bytes fit at once; otherwise the place in the queue.</summary>
    private Waiter? Enter(long bytes)
    {
        lock (waiting)
        {
            if (waiting.Count == 0 && Fits(bytes))
            {
                inFlight += bytes;
                return null;
            }

            var waiter = new Waiter(bytes);
            waiter.Place = waiting.AddLast(waiter);
            return waiter;
        }
    }

    private async Task<bool> AwaitAsync(Waiter waiter, CancellationToken ct)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(maxWait);
        try
        {
            await waiter.Granted.Task.WaitAsync(patience.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            lock (waiting)
            {
                // Granted as the wait ended: the bytes are counted, so the turn is kept and released with the request.
                if (waiter.Granted.Task.IsCompleted)
                    return true;
                waiting.Remove(waiter.Place!);
                GrantWaiting();
            }

            ct.ThrowIfCancellationRequested();
            return false;
        }
    }

    private void Leave(long bytes)
    {
        lock (waiting)
        {
            inFlight -= bytes;
            GrantWaiting();
        }
    }

    /// <summary>In order of arrival: a small archive does not pass a large one that waits, so none waits for ever.</summary>
    private void GrantWaiting()
    {
        while (waiting.First is { } first && Fits(first.Value.Bytes))
        {
            waiting.RemoveFirst();
            inFlight += first.Value.Bytes;
            first.Value.Granted.TrySetResult();
        }
    }

    private bool Fits(long bytes) => inFlight == 0 || inFlight + bytes <= Budget;

    private sealed class Waiter(long bytes)
    {
        public readonly long Bytes = bytes;
        public readonly TaskCompletionSource Granted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public LinkedListNode<Waiter>? Place;
    }

    private sealed class Held(ArchiveStores stores, long bytes) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
                stores.Leave(bytes);
        }
    }
}
