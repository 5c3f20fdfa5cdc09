namespace HipLog.Api.Hosting;

/// <summary>Absolute addresses HipLog hands out (report links, calendar feeds), on the scheme and host the client called.</summary>
public static class PublicUrls
{
    public static string Base(HttpRequest request) => $"{request.Scheme}://{request.Host}";
}
