using System.Text.Json;
using HipLog.Domain.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace HipLog.ServiceDefaults;

/// <summary>/health/live says the process serves requests; /health/ready also asks PostgreSQL. Both need no token.</summary>
public static class HealthConfiguration
{
    public const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddHipLogHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PostgresHealthCheck>();
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", HealthStatus.Unhealthy, [ReadyTag]);
        return builder;
    }

    public static IEndpointRouteBuilder MapHipLogHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJson }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag),
            ResponseWriter = WriteJson }).AllowAnonymous();
        return app;
    }

    private static Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(),
                e.Value.Description }),
        }, JsonSerializerOptions.Web));
    }
}
