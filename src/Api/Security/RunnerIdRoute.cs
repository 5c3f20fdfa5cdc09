using HipLog.Api.Http.Problems;
using HipLog.Domain.Profiles;
using HipLog.ServiceDefaults;

namespace HipLog.Api.Security;

/// <summary>
/// Every /runners/{runnerId} path names a valid runner id (the same rule a token's subject must follow), or the
/// request is a 400 before anything else reads it: an id outside the rule never reaches a stream, a header or a log.
/// </summary>
public sealed class RunnerIdRoute(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        if (http.GetRouteValue("runnerId") is not string runnerId || RunnerId.IsValid(runnerId))
            return next(http);
        HipLogMetrics.RequestRefused(RefusalReasons.InvalidRunnerId);
        return Results.Problem(new FieldErrors().Add("runnerId", $"A runner id is {RunnerId.Rule}.").ToProblem()).ExecuteAsync(http);
    }
}
