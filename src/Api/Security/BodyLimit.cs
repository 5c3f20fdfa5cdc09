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
    public Task InvokeAsync(HttpContext http)
    {
        if (http.Request.ContentLength > settings.MaxBodyBytes)
        {
            HipLogMetrics.RequestRefused(RefusalReasons.TooLarge);
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large",
                detail: $"Send a body of at most {settings.MaxBodyBytes / 1024} KB.").ExecuteAsync(http);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = settings.MaxBodyBytes;
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
