using HipLog.Api.Http.Problems;
using HipLog.Api.Http.Writes;
using HipLog.ServiceDefaults;

namespace HipLog.Api.Http;

/// <summary>
/// Makes a write's body readable twice: once by its endpoint, and again for the hash of an Idempotency-Key or for the
/// field-by-field answer to a body the serializer gave up on. A JSON body (at most Requests:MaxBodyBytes) is kept in
/// memory; any other body is buffered only when an Idempotency-Key asks for its hash. After authorization: a caller
/// without a token never gets this far.
/// </summary>
public static class RequestBodies
{
    private const string KeptJson = "hiplog:json-body";

    public static WebApplication UseHipLogRequestBodies(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var request = http.Request;
            if (HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method))
            {
                if (request.HasJsonContentType())
                {
                    var kept = new MemoryStream();
                    await request.Body.CopyToAsync(kept, http.RequestAborted);
                    kept.Position = 0;
                    request.Body = kept;
                    http.Items[KeptJson] = kept;
                    if (JsonText.Flaw(kept.GetBuffer().AsSpan(0, (int)kept.Length)) is { } flaw)
                    {
                        await Refuse(http, flaw.Field, flaw.Reason);
                        return;
                    }
                }
                else if (request.Headers.ContainsKey(RunnerWrites.Header))
                    request.EnableBuffering();
            }

            await next(http);
        });
        return app;
    }

    private static Task Refuse(HttpContext http, string field, string reason)
    {
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestBodies))
            .LogInformation("{Method} {Path} refused: '{Field}' {Reason}", http.Request.Method, LoggedPaths.Of(http.Request), field,
                reason);
        return Results.Problem(new FieldErrors().Add(field, reason).ToProblem()).ExecuteAsync(http);
    }

    /// <summary>The JSON body as it was sent, or null when it was not JSON.</summary>
    public static byte[]? JsonOf(HttpContext http) => http.Items[KeptJson] is MemoryStream kept ? kept.ToArray() : null;
}
