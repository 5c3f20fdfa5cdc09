using HipLog.Api.Http.Problems;
using HipLog.Domain.Imports;
using HipLog.ServiceDefaults;
using Microsoft.AspNetCore.Http.Features;

namespace HipLog.Api.Security;

/// <summary>"Requests" section.</summary>
public sealed class RequestSettings
{
    public const string Section = "Requests";

    /// <summary>The largest body HipLog reads; an entry is a few hundred bytes.</summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>
/// A body over the limit is a 413 problem before anything reads it, whether its length is announced or not: an
/// announced length is refused at once, a chunked body stops at the limit (Kestrel then throws, and
/// <see cref="RequestProblems"/> answers 413).
/// </summary>
public sealed class BodyLimit(RequestDelegate next, RequestSettings settings)
{
    /// <summary>The routes that take files, by route pattern: each is allowed more than an entry, and only it.</summary>
    private static readonly Dictionary<string, long> FileRoutes = new(StringComparer.Ordinal)
    {
        ["/runners/{runnerId}/runs/import"] = ActivityFiles.MaxFileBytes,
        ["/runners/{runnerId}/imports"] = ActivityArchive.MaxArchiveBytes,
    };

    public Task InvokeAsync(HttpContext http)
    {
        var max = http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern }
            && FileRoutes.TryGetValue(pattern, out var allowed)
            ? allowed
            : settings.MaxBodyBytes;
        if (http.Request.ContentLength > max)
        {
            HipLogMetrics.RequestRefused(RefusalReasons.TooLarge);
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large",
                detail: max >= 1024 * 1024 ? $"Send a body of at most {max / (1024 * 1024)} MB."
                    : $"Send a body of at most {max / 1024} KB.")
                .ExecuteAsync(http);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = max;
        return next(http);
    }
}

/// <summary>The reasons of <c>hiplog.requests.refused</c>.</summary>
public static class RefusalReasons
{
    public const string TooLarge = "too-large";
    public const string Unreadable = "unreadable";
    public const string InvalidRunnerId = "invalid-runner-id";
}
