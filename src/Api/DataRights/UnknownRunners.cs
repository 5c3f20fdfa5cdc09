using HipLog.Api.Http.Problems;
using HipLog.Domain.DataRights;
using Marten;

namespace HipLog.Api.DataRights;

/// <summary>
/// An erased runner reads 404 everywhere, not empty lists and figures, from the moment they ask (the Worker may still be
/// deleting) until they log something again: they must not look like a runner who is still here with nothing logged.
/// The state of their erasure stays readable. The erasure record is looked up by its primary key; for a runner who
/// never asked for one, that is all this costs.
/// </summary>
public sealed class UnknownRunners(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, IQuerySession session, ErasureKeys keys)
    {
        if (HttpMethods.IsGet(http.Request.Method)
            && http.GetRouteValue("runnerId") is string runnerId
            && !http.Request.Path.Value!.EndsWith("/erasure", StringComparison.Ordinal)
            && await WereErasedAsync(session, keys, runnerId, http.RequestAborted))
        {
            await Problem.NotFound("runner with this id: they were erased").ExecuteAsync(http);
            return;
        }

        await next(http);
    }

    /// <summary>Asked to be erased, and not back since: the erasure is pending, or done and nothing was logged after it.</summary>
    public static async Task<bool> WereErasedAsync(IQuerySession session, ErasureKeys keys, string runnerId, CancellationToken ct) =>
        await session.LoadAsync<ErasureRequest>(keys.For(runnerId), ct) is { } erasure
        && (erasure.Status == ErasureStatus.Pending || await session.Events.FetchStreamStateAsync(runnerId, ct) is null);
}

public static class UnknownRunnersConfiguration
{
    /// <summary>The erasure keys (<see cref="ErasureKeys"/>): the start-up fails outside Development without a secret.</summary>
    public static WebApplicationBuilder AddHipLogDataRights(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(ErasureKeys.From(builder.Configuration, builder.Environment.IsDevelopment()));
        return builder;
    }

    public static WebApplication UseHipLogUnknownRunners(this WebApplication app)
    {
        app.UseMiddleware<UnknownRunners>();
        return app;
    }
}
