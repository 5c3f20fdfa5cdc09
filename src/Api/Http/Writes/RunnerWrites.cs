using System.Security.Cryptography;
using System.Text;
using HipLog.Domain.DataRights;
using HipLog.Domain.Storage;
using Marten;
using Wolverine.Http;

namespace HipLog.Api.Http.Writes;

/// <summary>The Idempotency-Key of the write being served, for its answer to be kept under.</summary>
public sealed record IdempotencyClaim(string Id, string RunnerId, string RequestHash);

/// <summary>
/// What every write to a runner's log does around its endpoint, added to each by <see cref="RunnerWritesPolicy"/>.
/// Before the endpoint first reads the store, and once its body has been read: the runner's turn in this Api, then
/// in PostgreSQL (an advisory lock taken as the first statement of the write's own transaction, so it is held until
/// the write commits, across every Api on the database, and goes with the connection of an Api that dies); then,
/// under that lock, the answer already kept for the request's Idempotency-Key, if any, is replayed. After the
/// endpoint, before the commit: its answer is kept under the key, in the same transaction as its events.
/// </summary>
public static class RunnerWrites
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 255;

    /// <summary>For an endpoint with a body: the body is read before the turn is taken, never while it is held.</summary>
    public static Task<(IResult, IdempotencyClaim?)> BeforeAsync<TBody>(TBody? body, string runnerId, HttpContext http,
        IDocumentSession session, RunnerTurns turns, ErasureKeys keys, CancellationToken ct) where TBody : class =>
        BeforeAsync(runnerId, http, session, turns, keys, ct);

    public static Task<(IResult, IdempotencyClaim?)> BeforeAsync(string runnerId, HttpContext http, IDocumentSession session,
        RunnerTurns turns, ErasureKeys keys, CancellationToken ct) =>
        TakeTurnAsync(runnerId, http, session, turns, keys.For(runnerId), ct);

    /// <summary>For the one write a runner being erased may still make: asking for the erasure again.</summary>
    public static Task<(IResult, IdempotencyClaim?)> BeforeErasingAsync(string runnerId, HttpContext http, IDocumentSession session,
        RunnerTurns turns, CancellationToken ct) =>
        TakeTurnAsync(runnerId, http, session, turns, null, ct);

    /// <param name="erasureKey">The runner's erasure key: while their erasure is pending, the write is refused under the lock.</param>
    private static async Task<(IResult, IdempotencyClaim?)> TakeTurnAsync(string runnerId, HttpContext http, IDocumentSession session,
        RunnerTurns turns, string? erasureKey, CancellationToken ct)
    {
        IdempotencyClaim? claim = null;
        if (http.Request.Headers.TryGetValue(Header, out var values))
        {
            var key = values.ToString();
            if (key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
                return (Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid Idempotency-Key",
                    detail: $"Use 1 to {MaxKeyLength} visible ASCII characters, such as a UUID."), null);
            claim = new IdempotencyClaim(IdempotentResponse.IdFor(runnerId, key), runnerId, await HashAsync(http.Request, ct));
        }

        await turns.TakeAsync(runnerId, http.Response, ct);
        await session.BeginTransactionAsync(ct);
        await session.AdvancedSql.QueryAsync<int>("select 1 from pg_advisory_xact_lock(?, ?)", ct, RunnerTurns.LockSpace,
            RunnerTurns.LockKeyOf(runnerId));

        // Read under the lock, which the erasure request took too: a write after it sees it, one before it is erased by it.
        var batch = session.CreateBatchQuery();
        var erasure = erasureKey is null ? null : batch.Load<ErasureRequest>(erasureKey);
        var first = claim is null ? null : batch.Load<IdempotentResponse>(claim.Id);
        if (erasure is not null || first is not null)
            await batch.Execute(ct);
        if (erasure is not null && await erasure is { Status: ErasureStatus.Pending })
            return (BeingErased(runnerId), null);
        if (first is not null && await first is { } kept)
            return (Replay(kept, claim!), null);
        return (WolverineContinue.Result(), claim);
    }

    private static IResult BeingErased(string runnerId) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "This runner is being erased",
            detail: $"Nothing was stored. Their erasure is under way (GET /runners/{runnerId}/erasure); once it is done, a write " +
                "starts them afresh.");

    /// <summary>Keeps the answer for a retry with the same key, in the write's transaction; what must not be kept is left out.</summary>
    public static void Keep(IWritten answer, IdempotencyClaim? claim, IDocumentSession session, TimeProvider clock)
    {
        if (claim is null)
            return;
        var kept = answer.Body is IReplayable replayable ? replayable.ForReplay() : answer.Body;
        session.Insert(new IdempotentResponse(claim.Id, claim.RunnerId, claim.RequestHash, answer.Status, answer.Location,
            kept is null ? null : Written.JsonContentType, kept is null ? "" : Written.Serialize(kept), clock.GetUtcNow()));
    }

    private static IResult Replay(IdempotentResponse first, IdempotencyClaim claim) =>
        first.RequestHash == claim.RequestHash
            ? new Replayed(first)
            : Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused",
                detail: "This key was already used for a different request. Use a new key for a new request.");

    /// <summary>Method, path, query and body: the same key with anything else is another request.</summary>
    private static async Task<string> HashAsync(HttpRequest request, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
                sha.AppendData(buffer, 0, read);
            request.Body.Position = 0;
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private sealed class Replayed(IdempotentResponse first) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = first.Status;
            http.Response.Headers[ReplayedHeader] = "true";
            if (first.Location is not null)
                http.Response.Headers.Location = first.Location;
            if (first.ContentType is null)
                return;
            http.Response.ContentType = first.ContentType;
            await http.Response.WriteAsync(first.Body, http.RequestAborted);
        }
    }
}
