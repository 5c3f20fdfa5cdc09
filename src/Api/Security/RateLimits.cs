using System.Globalization;
using System.Threading.RateLimiting;
using HipLog.ServiceDefaults;
using Microsoft.AspNetCore.RateLimiting;

namespace HipLog.Api.Security;

/// <summary>"RateLimits" section: requests per minute, per runner (the token's subject) and per client address without a token.</summary>
public sealed class RateLimitSettings
{
    public const string Section = "RateLimits";

    public int RunnerRequestsPerMinute { get; set; } = 600;

    public int AnonymousRequestsPerMinute { get; set; } = 300;
}

public static class RateLimits
{
    /// <summary>
    /// One window a minute per runner, and per client address for requests without a token. Ten requests a second on
    /// average is far beyond what a runner's app sends; the health probes and the metrics scrape are not counted. Over the limit: a 429
    /// problem with Retry-After. Each Api instance counts on its own (docs/operations.md, "Rate limits and several Apis").
    /// </summary>
    public static IServiceCollection AddHipLogRateLimits(this IServiceCollection services, RateLimitSettings settings) =>
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (TelemetryConfiguration.IsOperatorPath(http.Request.Path))
                    return RateLimitPartition.GetNoLimiter("operator");
                var subject = http.User.FindFirst("sub")?.Value;
                // A clinician's window is their own, apart from a runner who happens to have the same id.
                var clinician = http.User.FindFirst(http.RequestServices.GetRequiredService<Auth.AuthSettings>().RoleClaim)?.Value
                    == Auth.AuthSettings.ClinicianRole;
                var (key, limit) = subject is not null
                    ? ((clinician ? "clinician:" : "runner:") + subject, settings.RunnerRequestsPerMinute)
                    : ("address:" + ClientNetworks.Of(http.Connection.RemoteIpAddress), settings.AnonymousRequestsPerMinute);
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? (int)Math.Ceiling(wait.TotalSeconds)
                    : 60;
                var http = context.HttpContext;
                HipLogMetrics.RequestRateLimited();
                http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimits))
                    .LogInformation("{Method} {Path} rate-limited; retry after {Seconds} s", http.Request.Method,
                        LoggedPaths.Of(http.Request), retryAfter);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                    detail: $"This client sent more requests in a minute than HipLog accepts. Try again in {retryAfter} seconds.")
                        .ExecuteAsync(http);
            };
        });
}
