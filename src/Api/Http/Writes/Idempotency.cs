using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HipLog.Domain.Storage;
using JasperFx;
using Marten;
using Microsoft.Extensions.Options;

namespace HipLog.Api.Http.Writes;

/// <summary>The key of the write being served, for the endpoint to record its answer under.</summary>
public sealed record IdempotencyRequest(string Id, string RunnerId, string RequestHash);

/// <summary>
/// Honours the Idempotency-Key header on every write to a runner's log. A retry with the same key and the
/// same request gets the first answer again (status, body, Location) and appends nothing; the same key with
/// another request is a 422. The first answer is stored by the endpoint in the same transaction as its
/// events, so two copies racing each other cannot both append: the loser's insert fails, and it replays.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 255;

    public async Task InvokeAsync(HttpContext http, IDocumentStore store)
    {
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            || !http.Request.Headers.TryGetValue(Header, out var values)
            || http.GetRouteValue("runnerId") is not string runnerId)
        {
            await next(http);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid Idempotency-Key",
                detail: $"Use 1 to {MaxKeyLength} visible ASCII characters, such as a UUID.").ExecuteAsync(http);
            return;
        }

        var request = new IdempotencyRequest(IdempotentResponse.IdFor(runnerId, key), runnerId, await HashAsync(http.Request));
        for (var attempt = 1; ; attempt++)
        {
            await using (var query = store.QuerySession())
            {
                if (await query.LoadAsync<IdempotentResponse>(request.Id, http.RequestAborted) is { } first)
                {
                    await ReplayAsync(http, first, request);
                    return;
                }
            }

            http.Features.Set(request);
            try
            {
                await next(http);
                return;
            }
            catch (Exception e) when (attempt == 1 && !http.Response.HasStarted && IsKeyTaken(e))
            {
                // A copy of this request committed first: answer with what it answered.
                http.Request.Body.Position = 0;
            }
        }
    }

    private static bool IsKeyTaken(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is DocumentAlreadyExistsException { DocumentType: var type } && type == typeof(IdempotentResponse))
                return true;
        return false;
    }

    private static async Task ReplayAsync(HttpContext http, IdempotentResponse first, IdempotencyRequest request)
    {
        if (first.RequestHash != request.RequestHash)
        {
            await Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused",
                detail: "This key was already used for a different request. Use a new key for a new request.").ExecuteAsync(http);
            return;
        }

        http.Response.StatusCode = first.Status;
        http.Response.Headers[ReplayedHeader] = "true";
        if (first.Location is not null)
            http.Response.Headers.Location = first.Location;
        if (first.ContentType is not null)
        {
            http.Response.ContentType = first.ContentType;
            await http.Response.WriteAsync(first.Body, http.RequestAborted);
        }
    }

    private static async Task<string> HashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
            sha.AppendData(buffer, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexString(sha.GetHashAndReset());
    }
}

/// <summary>An answer that holds something (a secret) that must not be kept for replays: this is what is kept instead.</summary>
public interface IReplayable
{
    object ForReplay();
}

/// <summary>How a write endpoint answers: the answer is also recorded when the request carried an Idempotency-Key.</summary>
public static class Written
{
    public static IResult Created(HttpContext http, IDocumentSession session, string location, object body) =>
        Record(http, session, StatusCodes.Status201Created, location, body);

    public static IResult Accepted(HttpContext http, IDocumentSession session, string location, object body) =>
        Record(http, session, StatusCodes.Status202Accepted, location, body);

    public static IResult Ok(HttpContext http, IDocumentSession session, object body) =>
        Record(http, session, StatusCodes.Status200OK, null, body);

    public static IResult NoContent(HttpContext http, IDocumentSession session) =>
        Record(http, session, StatusCodes.Status204NoContent, null, null);

    private static IResult Record(HttpContext http, IDocumentSession session, int status, string? location, object? body)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var json = body is null ? "" : JsonSerializer.Serialize(body, body.GetType(), options);

        if (http.Features.Get<IdempotencyRequest>() is { } request)
        {
            var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            var kept = body is IReplayable replayable ? JsonSerializer.Serialize(replayable.ForReplay(), body.GetType(), options) : json;
            session.Insert(new IdempotentResponse(request.Id, request.RunnerId, request.RequestHash, status, location,
                body is null ? null : "application/json; charset=utf-8", kept, now));
        }

        if (location is not null)
            http.Response.Headers.Location = location;
        return body is null ? Results.StatusCode(status) : Results.Content(json, "application/json; charset=utf-8", statusCode: status);
    }
}
