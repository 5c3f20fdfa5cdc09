namespace HipLog.Api.Infrastructure;

/// <summary>
/// Writes to one runner take turns inside this Api: a second write waits for the first to commit instead of
/// racing it for the stream version, so both succeed and neither is replayed. Reads never wait, and writes to
/// different runners never wait for each other. Across several Api instances a lost race is a 409 instead
/// (<see cref="StreamConflicts"/>).
/// </summary>
public sealed class RunnerWriteLock(RequestDelegate next)
{
    private static readonly Dictionary<string, Turn> Turns = new(StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext http)
    {
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
            || http.GetRouteValue("runnerId") is not string runnerId)
        {
            await next(http);
            return;
        }

        var turn = Enter(runnerId);
        try
        {
            await turn.Gate.WaitAsync(http.RequestAborted);
            try
            {
                await next(http);
            }
            finally
            {
                turn.Gate.Release();
            }
        }
        finally
        {
            Leave(runnerId, turn);
        }
    }

    private static Turn Enter(string runnerId)
    {
        lock (Turns)
        {
            if (!Turns.TryGetValue(runnerId, out var turn))
                Turns[runnerId] = turn = new Turn();
            turn.Holders++;
            return turn;
        }
    }

    private static void Leave(string runnerId, Turn turn)
    {
        lock (Turns)
        {
            // The last one out removes the gate, so the table holds only runners with a write in flight.
            if (--turn.Holders == 0)
                Turns.Remove(runnerId);
        }
    }

    private sealed class Turn
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public int Holders;
    }
}
