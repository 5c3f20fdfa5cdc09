namespace HipLog.Api.Hosting;

/// <summary>
/// "PublicUrls" section: the address clients reach HipLog at, from which every link it hands out is built (report links,
/// the clinician summary, calendar feeds). Never the request's Host or scheme: those are the client's to choose, so a
/// forged Host would put a runner's link token or feed secret into an attacker's address, and behind a TLS proxy every
/// link would be http. Development's is in appsettings.Development.json; elsewhere the start-up names it when it is
/// missing or not an absolute URL.
/// </summary>
public sealed class PublicUrls
{
    public const string Section = "PublicUrls";

    /// <summary>An absolute http(s) URL such as https://hiplog.example (a path prefix is kept; no query or fragment).</summary>
    public string? Base { get; set; }

    /// <summary>The base without its trailing slash, with a path that starts with "/" appended.</summary>
    public string Of(string path) => Base!.TrimEnd('/') + path;

    public static PublicUrls From(IConfiguration configuration)
    {
        var urls = configuration.GetSection(Section).Get<PublicUrls>() ?? new PublicUrls();
        if (!Uri.TryCreate(urls.Base, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            throw new InvalidOperationException(
                "PublicUrls:Base must be the absolute http(s) address clients reach HipLog at, such as https://hiplog.example " +
                "(environment variable PublicUrls__Base): links with tokens and feed secrets are built from it, never from a " +
                "request's Host.");
        return urls;
    }
}
