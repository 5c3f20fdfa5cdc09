using HipLog.Api.Security;
using JasperFx;
using JasperFx.Events;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace HipLog.Api.Infrastructure;

/// <summary>
/// A write that lost a race for a stream version to another process (a second Api instance, the Worker on a
/// recommendation) is a 409 the client may send again; nothing of it was stored. It is an expected outcome,
/// so it is logged at Information, without a stack trace.
/// </summary>
public sealed class StreamConflicts(ILogger<StreamConflicts> logger, IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (!IsStreamConflict(exception) || http.Response.HasStarted)
            return false;

        logger.LogInformation("{Method} {Path} lost a race for a stream version; answered 409", http.Request.Method, LoggedPaths.Of(http.Request));
        http.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Concurrent update",
                Detail = "Something else changed this at the same moment. Nothing of this request was stored; send it again.",
            },
        });
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
