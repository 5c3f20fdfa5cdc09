using System.Security.Cryptography;
using System.Text;

namespace HipLog.Api.Http.Writes;

/// <summary>
/// Writes to one runner take turns in this Api before they take a connection: a write queued behind another of the
/// same runner waits here, holding nothing, and only the one whose turn it is asks PostgreSQL for the runner's lock
/// (<see cref="RunnerWrites"/>). Writes to different runners never wait for each other. One table per Api (it is a
/// service of the host), so two Apis in one test process do not share their turns and the lock across Apis is tested.
/// </summary>
public sealed class RunnerTurns
{
    /// <summary>The first key of the two-key advisory locks: "HpLg". Marten's own locks use one-key locks, a space of their own.</summary>
    public const int LockSpace = 0x48704C67;

    private readonly Dictionary<string, Turn> turns = new(StringComparer.Ordinal);

    /// <summary>The same number in every process (string.GetHashCode is not): a collision only makes two runners take turns.</summary>
    public static int LockKeyOf(string runnerId) => BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(runnerId)), 0);

    /// <summary>Waits for the runner's turn in this Api; it ends with the request.</summary>
    public async Task TakeAsync(string runnerId, HttpResponse response, CancellationToken ct)
    {
        var turn = Enter(runnerId);
        try
        {
            await turn.Gate.WaitAsync(ct);
        }
        catch
        {
            Leave(runnerId, turn);
            throw;
        }

        response.RegisterForDispose(new Held(this, runnerId, turn));
    }

    private Turn Enter(string runnerId)
    {
        lock (turns)
        {
            if (!turns.TryGetValue(runnerId, out var turn))
                turns[runnerId] = turn = new Turn();
            turn.Holders++;
            return turn;
        }
    }

    private void Leave(string runnerId, Turn turn)
    {
        lock (turns)
        {
            // The last one out removes the gate, so the table holds only runners with a write in flight.
            if (--turn.Holders == 0)
                turns.Remove(runnerId);
        }
    }

    private sealed class Turn
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public int Holders;
    }

    private sealed class Held(RunnerTurns turns, string runnerId, Turn turn) : IDisposable
    {
        public void Dispose()
        {
            turn.Gate.Release();
            turns.Leave(runnerId, turn);
        }
    }
}
