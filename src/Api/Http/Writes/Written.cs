using System.Text.Json;
using HipLog.Domain.Wire;

namespace HipLog.Api.Http.Writes;

/// <summary>
/// The answer of a write to a runner's log, as plain data: a test compares it whole. It is kept for a retry by the
/// write policy (<see cref="RunnerWrites"/>) in the write's own transaction, and sent once that has committed.
/// </summary>
public interface IWritten : IResult
{
    int Status { get; }

    string? Location { get; }

    object? Body { get; }
}

/// <summary>An answer that holds something (a secret) that must not be kept for replays: this is what is kept instead.</summary>
public interface IReplayable
{
    object ForReplay();
}

public sealed record Written<T>(int Status, string? Location, T? Body) : IWritten where T : class
{
    object? IWritten.Body => Body;

    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = Status;
        if (Location is not null)
            http.Response.Headers.Location = Location;
        if (Body is null)
            return;
        http.Response.ContentType = Written.JsonContentType;
        await http.Response.WriteAsync(Written.Serialize(Body), http.RequestAborted);
    }
}

/// <summary>An answer with no body (204).</summary>
public sealed record NoBody;

public static class Written
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public static Written<T> Created<T>(string location, T body) where T : class => new(StatusCodes.Status201Created, location, body);

    public static Written<T> Accepted<T>(string location, T body) where T : class => new(StatusCodes.Status202Accepted, location, body);

    public static Written<T> Ok<T>(T body) where T : class => new(StatusCodes.Status200OK, null, body);

    public static Written<NoBody> NoContent() => new(StatusCodes.Status204NoContent, null, null);

    public static string Serialize(object body) => JsonSerializer.Serialize(body, body.GetType(), HipLogJson.Wire);
}
