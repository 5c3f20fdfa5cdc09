using HipLog.Api.Http.Problems;
using HipLog.Api.Http.Writes;
using NetEscapades.AspNetCore.SecurityHeaders;
using NetEscapades.AspNetCore.SecurityHeaders.Headers.ContentSecurityPolicy;

namespace HipLog.Api.Security;

/// <summary>"Cors" section: the browser origins allowed to call the Api (none by default).</summary>
public sealed class CorsSettings
{
    public const string Section = "Cors";

    public string[] AllowedOrigins { get; set; } = [];
}

/// <summary>What keeps the Api safe on the internet: hostile input, outages, rate limits, CORS and security headers.</summary>
public static class SecurityConfiguration
{
    public static WebApplicationBuilder AddHipLogSecurity(this WebApplicationBuilder builder)
    {
        // One line per failure, said by the step that knows what it means: the exception handlers answer and log an
        // outage (about once a second), a lost race and a refused request themselves. Marten would also log every failed
        // command and each of its retries with a stack trace, and Wolverine every unreadable body at Warning.
        builder.Logging.AddFilter("Marten", LogLevel.Critical);
        builder.Logging.AddFilter((category, level) => level < LogLevel.Warning || !IsRequestBody(category));

        builder.Services.AddSingleton(builder.Configuration.GetSection(RequestSettings.Section).Get<RequestSettings>()
            ?? new RequestSettings());
        builder.Services.AddExceptionHandler<RequestProblems>();
        builder.Services.AddExceptionHandler<DatabaseOutage>();
        builder.Services.AddExceptionHandler<StreamConflicts>();
        builder.Services.AddHipLogRateLimits(builder.Configuration.GetSection(RateLimitSettings.Section).Get<RateLimitSettings>()
            ?? new RateLimitSettings());

        var cors = builder.Configuration.GetSection(CorsSettings.Section).Get<CorsSettings>() ?? new CorsSettings();
        builder.Services.AddCors(o => o.AddDefaultPolicy(p => p
            .WithOrigins(cors.AllowedOrigins)
            .WithMethods("GET", "POST", "PUT", "PATCH", "DELETE")
            .WithHeaders("Authorization", "Content-Type", RunnerWrites.Header)
            .WithExposedHeaders("Location", "Retry-After", RunnerWrites.ReplayedHeader)
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        return builder;
    }

    /// <summary>Headers and CORS first, so that every answer carries them, the refusals of later steps included.</summary>
    public static WebApplication UseHipLogHeaders(this WebApplication app)
    {
        app.UseSecurityHeaders(new HeaderPolicyCollection().AddContentTypeOptionsNoSniff());
        // A runner's data is never cached by a browser or a proxy.
        app.UseWhen(IsRunnerPath, b => b.UseSecurityHeaders(new HeaderPolicyCollection()
            .AddContentTypeOptionsNoSniff()
            .AddCustomHeader("Cache-Control", "no-store")));
        // The report pages carry a credential in their URL: never sent on as a referrer, never framed, and nothing
        // but their own inline styles may load.
        app.UseWhen(IsReportPage, b => b.UseSecurityHeaders(new HeaderPolicyCollection()
            .AddContentTypeOptionsNoSniff()
            .AddCustomHeader("Cache-Control", "no-store")
            .AddReferrerPolicyNoReferrer()
            .AddFrameOptionsDeny()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().None();
                csp.AddStyleSrc().UnsafeInline();
                csp.AddFrameAncestors().None();
                csp.AddBaseUri().None();
                csp.AddFormAction().None();
            })));
        app.UseCors();
        return app;
    }

    /// <summary>Before authentication: a path that names no valid runner is a 400, whoever asks; a body over the limit a 413.</summary>
    public static WebApplication UseHipLogInputGuards(this WebApplication app)
    {
        app.UseMiddleware<RunnerIdRoute>();
        app.UseMiddleware<BodyLimit>();
        return app;
    }

    /// <summary>After authentication: the limits count per runner (the token's subject), and per address without one.</summary>
    public static WebApplication UseHipLogRateLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Wolverine logs an unreadable body under the request type's name; those are the Api's "…Request" records.</summary>
    private static bool IsRequestBody(string? category) =>
        category is not null && category.StartsWith("HipLog.Api.", StringComparison.Ordinal)
            && category.EndsWith("Request", StringComparison.Ordinal);

    public static bool IsReportPage(HttpContext http) =>
        http.Request.Path.Value is { } path
        && (path.EndsWith("/pain-trend/report", StringComparison.Ordinal) || path.EndsWith("/clinician-summary", StringComparison.Ordinal));

    private static bool IsRunnerPath(HttpContext http) => http.Request.Path.StartsWithSegments("/runners") && !IsReportPage(http);
}
