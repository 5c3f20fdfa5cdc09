using HipLog.Api.Security;
using HipLog.ServiceDefaults;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace HipLog.Api.Http.Problems;

/// <summary>
/// A request the server refuses for what it is (too large, cut off, unreadable) is the client's problem: a problem
/// answer with the status Kestrel chose (413 for a body over the limit), logged at Information without a stack trace.
/// </summary>
public sealed class RequestProblems(ILogger<RequestProblems> logger, IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not BadHttpRequestException bad || http.Response.HasStarted)
            return false;

        HipLogMetrics.RequestRefused(bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? RefusalReasons.TooLarge
            : RefusalReasons.Unreadable);
        logger.LogInformation("{Method} {Path} refused: {Status} {Reason}", http.Request.Method, LoggedPaths.Of(http.Request),
            bad.StatusCode, bad.Message);
        http.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large"
                    : "The request could not be read",
                Detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? "The body is larger than this server reads."
                    : "The request was cut off or malformed.",
            },
        });
    }
}

/// <summary>
/// While PostgreSQL cannot be reached, every request that needs it is a 503 with Retry-After: nothing was stored, and
/// the client may send it again shortly. The outage is logged about once a second with a count, not once per request
/// with a stack trace; the next request after PostgreSQL returns is served as usual.
/// </summary>
public sealed class DatabaseOutage(ILogger<DatabaseOutage> logger, IProblemDetailsService problems) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;
    private static readonly HipLog.ServiceDefaults.Outages.Pace Pace = new();

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (!HipLog.ServiceDefaults.Outages.IsUnreachable(exception) || http.Response.HasStarted)
            return false;

        Note(exception);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage is unavailable",
                Detail = $"HipLog cannot reach its database right now. Nothing of this request was stored; send it again in " +
                    $"{RetryAfterSeconds} seconds.",
            },
        });
    }

    private void Note(Exception e)
    {
        if (Pace.Next() is (true, var skipped))
            logger.LogWarning("PostgreSQL is unreachable ({Reason}); answering 503 ({Count} more since the last line)",
                e.GetBaseException().GetType().Name, skipped);
    }
}
