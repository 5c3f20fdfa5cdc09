using HipLog.Api.Http.Problems;
using HipLog.Domain.Profiles;
using HipLog.ServiceDefaults;

namespace HipLog.Api.Security;

/// <summary>
/// Every /runners/{runnerId} path names a valid runner id, and every /clinicians/{clinicianId} path a clinician id of the same
/// alphabet (the rule a token's subject must follow), or the
/// request is a 400 before anything else reads it: an id outside the rule never reaches a stream, a header or a log.
/// </summary>
public sealed class RunnerIdRoute(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        foreach (var key in (string[])["runnerId", "clinicianId"])
        {
            if (http.GetRouteValue(key) is not string id || RunnerId.IsValid(id))
                continue;
            HipLogMetrics.RequestRefused(RefusalReasons.InvalidRunnerId);
            var who = key == "runnerId" ? "runner" : "clinician";
            return Results.Problem(new FieldErrors().Add(key, $"A {who} id is {RunnerId.Rule}.").ToProblem()).ExecuteAsync(http);
        }

        return next(http);
    }
}
