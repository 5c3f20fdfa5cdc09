using HipLog.Domain.Profiles;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;
using Wolverine.Http;

namespace HipLog.Api.Auth;

public static class AuthConfiguration
{
    public const string RunnerOwnerPolicy = "runner-owner";
    public const string ClinicianOwnerPolicy = "clinician-owner";
    public const string ReportPagePolicy = "report-page";
    public const string ReportLinkScheme = "report-link";

    public static WebApplicationBuilder AddHipLogAuth(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(AuthSettings.Section).Get<AuthSettings>() ?? new AuthSettings();
        builder.Services.AddSingleton(settings);
        // Fail at start-up, not on the first request, when neither an authority nor a usable key is configured.
        if (settings.HasPublishedKey && !builder.Environment.IsDevelopment())
            throw new InvalidOperationException(
                "Auth:SigningKey is a key published in HipLog's repository, so anyone could sign tokens with it. Outside " +
                "Development set a secret of your own, for example Auth__SigningKey=$(openssl rand -base64 48).");
        var signingKey = string.IsNullOrEmpty(settings.Authority) ? settings.RequireSigningKey() : null;

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o =>
            {
                Configure(o, settings, settings.Audience, signingKey);
                if (!string.IsNullOrEmpty(settings.Authority))
                    o.Authority = settings.Authority;
            })
            // A report link is a short-lived token for one runner's report pages, sent in the URL because a browser
            // opening a link cannot send a header. Its own audience keeps it from opening anything else.
            .AddJwtBearer(ReportLinkScheme, o =>
            {
                Configure(o, settings, AuthSettings.ReportLinkAudience, settings.HasSigningKey ? settings.RequireSigningKey() : null);
                o.Events.OnMessageReceived = c =>
                {
                    if (c.Request.Query.TryGetValue("link", out var link))
                        c.Token = link;
                    return Task.CompletedTask;
                };
            });

        builder.Services.AddSingleton<IAuthorizationHandler, RunnerOwnerHandler>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(RunnerOwnerPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new RunnerOwnerRequirement()))
            .AddPolicy(ClinicianOwnerPolicy, p => p.RequireAuthenticatedUser().AddRequirements(new ClinicianOwnerRequirement()))
            .AddPolicy(ReportPagePolicy, p => p.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme, ReportLinkScheme)
                .RequireAuthenticatedUser().AddRequirements(new RunnerOwnerRequirement()))
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
            if (route.TrimStart('/').StartsWith("clinicians", StringComparison.OrdinalIgnoreCase))
            {
                if (!route.StartsWith("/clinicians/{clinicianId}", StringComparison.Ordinal))
                    throw new InvalidOperationException($"Route '{route}' must name the clinician as '/clinicians/{{clinicianId}}'.");
                chain.RequireAuthorization(ClinicianOwnerPolicy);
                return;
            }

            if (!route.TrimStart('/').StartsWith("runners", StringComparison.OrdinalIgnoreCase))
                return;
            if (!route.Contains("/runners/{runnerId}", StringComparison.Ordinal))
                throw new InvalidOperationException($"Route '{route}' must name the runner as '/runners/{{runnerId}}'.");
            chain.RequireAuthorization(ReportPages.Contains(route) ? ReportPagePolicy : RunnerOwnerPolicy);
        });

    /// <summary>The pages a report link opens: a browser brings the link, an app may send its bearer token instead.</summary>
    public static readonly HashSet<string> ReportPages = ["/runners/{runnerId}/pain-trend/report", "/runners/{runnerId}/clinician-summary"];

    private static void Configure(JwtBearerOptions o, AuthSettings settings, string audience, SymmetricSecurityKey? key)
    {
        o.MapInboundClaims = false;
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = audience,
            NameClaimType = "sub",
            ClockSkew = TimeSpan.FromMinutes(1),
            IssuerSigningKey = key,
        };
        o.Events = new JwtBearerEvents
        {
            // A subject outside the runner-id rule could never own a path; such a token is refused outright.
            OnTokenValidated = c =>
            {
                if (!RunnerId.IsValid(c.Principal?.FindFirst("sub")?.Value))
                    c.Fail("The token's subject is not a valid runner id.");
                return Task.CompletedTask;
            },
        };
    }
}

public sealed class RunnerOwnerRequirement : IAuthorizationRequirement;

public sealed class ClinicianOwnerRequirement : IAuthorizationRequirement;

/// <summary>
/// A runner's path opens to that runner's token only, never to a clinician's (whatever its subject); a clinician's path
/// opens to that clinician's token only, which must carry the clinician role.
/// </summary>
public sealed class RunnerOwnerHandler(AuthSettings settings) : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        var clinician = context.User.FindFirst(settings.RoleClaim)?.Value == AuthSettings.ClinicianRole;
        foreach (var requirement in context.PendingRequirements.ToList())
        {
            var (routeKey, mustBeClinician) = requirement switch
            {
                RunnerOwnerRequirement => ("runnerId", false),
                ClinicianOwnerRequirement => ("clinicianId", true),
                _ => (null, false),
            };
            if (routeKey is not null && clinician == mustBeClinician && context.Resource is HttpContext http
                && http.GetRouteValue(routeKey) is string owner
                && string.Equals(context.User.FindFirst("sub")?.Value, owner, StringComparison.Ordinal))
                context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
