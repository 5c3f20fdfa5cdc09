using HipLog.Domain.Storage;
using HipLog.ServiceDefaults;
using Microsoft.AspNetCore.Diagnostics;

namespace HipLog.Api.Http.Problems;

/// <summary>
/// A write that lost a race for a stream version to another process (a second Api instance, the Worker on a
/// recommendation) is a 409 the client may send again; nothing of it was stored. It is an expected outcome,
/// so it is logged at Information, without a stack trace.
/// </summary>
public sealed class StreamConflicts(ILogger<StreamConflicts> logger, IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (!StreamConflict.Is(exception) || http.Response.HasStarted)
            return false;

        logger.LogInformation("{Method} {Path} lost a race for a stream version; answered 409", http.Request.Method,
            LoggedPaths.Of(http.Request));
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
}
