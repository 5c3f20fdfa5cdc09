using Microsoft.AspNetCore.Http;

namespace HipLog.ServiceDefaults;

/// <summary>
/// The request path as a log line may show it. A calendar feed's address is its own credential, so its secret is
/// replaced, in log lines and in traces alike; every other path names nothing secret (a token never goes into a path).
/// </summary>
public static class LoggedPaths
{
    public const string CalendarPrefix = "/calendar";

    public static string Of(HttpRequest request) =>
        request.Path.StartsWithSegments(CalendarPrefix) ? CalendarPrefix + "/{secret}.ics" : request.Path.ToString();
}
