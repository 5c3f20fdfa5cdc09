using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;
using Wolverine.Http;

namespace HipLog.Api.Auth;

public static class AuthConfiguration
{
    public const string RunnerOwnerPolicy = "runner-owner";

    public static WebApplicationBuilder AddHipLogAuth(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(AuthSettings.Section).Get<AuthSettings>() ?? new AuthSettings();
        builder.Services.AddSingleton(settings);
        // Fail at start-up, not on the first request, when neither an authority nor a usable key is configured.
        var signingKey = string.IsNullOrEmpty(settings.Authority) ? settings.RequireSigningKey() : null;

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = settings.Issuer,
                ValidAudience = settings.Audience,
                NameClaimType = "sub",
                ClockSkew = TimeSpan.FromMinutes(1),
            };
            o.Events = new JwtBearerEvents
            {
                // A browser opening the report page cannot send a header; that page alone takes the token from the query.
                OnMessageReceived = c =>
                {
                    if (c.Request.Path.Value?.EndsWith("/pain-trend/report", StringComparison.Ordinal) == true
                        && c.Request.Query.TryGetValue("access_token", out var token))
                        c.Token = token;
                    return Task.CompletedTask;
                },
            };
            if (!string.IsNullOrEmpty(settings.Authority))
                o.Authority = settings.Authority;
            else
                o.TokenValidationParameters.IssuerSigningKey = signingKey;
        });

        builder.Services.AddSingleton<IAuthorizationHandler, RunnerOwnerHandler>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(RunnerOwnerPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new RunnerOwnerRequirement()))
            // Anything not marked otherwise needs a token; health and API description opt out explicitly.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    /// <summary>
    /// Every endpoint under /runners/ is bound to the runner in its route. A route written with another
    /// parameter name would escape the check, so such a route stops the Api at start-up instead.
    /// </summary>
    public static void RequireRunnerOwnership(this WolverineHttpOptions options) =>
        options.ConfigureEndpoints(chain =>
        {
            var route = chain.RoutePattern?.RawText ?? "";
            if (!route.TrimStart('/').StartsWith("runners", StringComparison.OrdinalIgnoreCase))
                return;
            if (!route.Contains("/runners/{runnerId}", StringComparison.Ordinal))
                throw new InvalidOperationException($"Route '{route}' must name the runner as '/runners/{{runnerId}}'.");
            chain.RequireAuthorization(RunnerOwnerPolicy);
        });
}

public sealed class RunnerOwnerRequirement : IAuthorizationRequirement;

public sealed class RunnerOwnerHandler : AuthorizationHandler<RunnerOwnerRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RunnerOwnerRequirement requirement)
    {
        if (context.Resource is HttpContext http
            && http.GetRouteValue("runnerId") is string runnerId
            && context.User.FindFirst("sub")?.Value is { } subject
            && string.Equals(subject, runnerId, StringComparison.Ordinal))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
