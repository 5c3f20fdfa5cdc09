using HipLog.Api.Infrastructure;
using HipLog.Domain.Erasure;
using Marten;

namespace HipLog.Api.Erasure;

/// <summary>
/// An erased runner reads 404 everywhere, not empty lists and figures, from the moment they ask (the Worker may still be
/// deleting) until they log something again: they must not look like a runner who is still here with nothing logged.
/// The state of their erasure stays readable. The erasure record is looked up by its primary key; for a runner who
/// never asked for one, that is all this costs.
/// </summary>
public sealed class UnknownRunners(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, IQuerySession session)
    {
        if (HttpMethods.IsGet(http.Request.Method)
            && http.GetRouteValue("runnerId") is string runnerId
            && !http.Request.Path.Value!.EndsWith("/erasure", StringComparison.Ordinal)
            && await session.LoadAsync<ErasureRequest>(RunnerErasure.KeyFor(runnerId), http.RequestAborted) is { } erasure
            && (erasure.Status == ErasureStatus.Pending || await session.Events.FetchStreamStateAsync(runnerId, http.RequestAborted) is null))
        {
            await Problems.NotFound("runner with this id: they were erased").ExecuteAsync(http);
            return;
        }

        await next(http);
    }
}

public static class UnknownRunnersConfiguration
{
    public static WebApplication UseHipLogUnknownRunners(this WebApplication app)
    {
        app.UseMiddleware<UnknownRunners>();
        return app;
    }
}
