using JasperFx;
using JasperFx.Events;
using Npgsql;

namespace HipLog.Api.Infrastructure;

/// <summary>
/// Two writes to one runner's stream at the same moment race for the same stream version; the loser
/// is rejected by PostgreSQL. Replaying the whole request (a fresh Marten session, the body read again)
/// is the simplest correct answer: the runner sees both writes succeed and no event is lost.
/// </summary>
public sealed class StreamConflictRetry(RequestDelegate next, ILogger<StreamConflictRetry> logger)
{
    private const int MaxAttempts = 10;

    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        context.Request.EnableBuffering();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await next(context);
                return;
            }
            catch (Exception e) when (IsStreamConflict(e) && !context.Response.HasStarted)
            {
                if (attempt == MaxAttempts)
                {
                    logger.LogWarning("Gave up on {Path} after {Attempts} conflicting appends", context.Request.Path, attempt);
                    await Results.Problem(
                        statusCode: StatusCodes.Status409Conflict,
                        title: "Concurrent update",
                        detail: "The runner's log kept changing while this request was saved. Nothing was stored; send it again.")
                        .ExecuteAsync(context);
                    return;
                }

                context.Request.Body.Position = 0;
                // Jitter spreads the retries of a burst so they do not collide again in lockstep.
                await Task.Delay(Random.Shared.Next(2, 10 * attempt), context.RequestAborted);
            }
        }
    }

    internal static bool IsStreamConflict(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is ConcurrencyException or EventStreamUnexpectedMaxEventIdException
                or ExistingStreamIdCollisionException or Marten.Exceptions.ExistingStreamIdCollisionException)
                return true;
            // Quick append: a new stream collides on mt_streams, an existing one on (stream, version) in mt_events.
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "mt_streams" or "mt_events" })
                return true;
        }

        return false;
    }
}
