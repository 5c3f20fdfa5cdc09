using System.Text;

namespace HipLog.Tests.Support;

public static class MergePatches
{
    /// <summary>PATCH with a JSON merge patch (RFC 7396), as a client that changes a few fields sends it.</summary>
    public static Task<HttpResponseMessage> PatchMerge(this HttpClient client, string url, string json,
        string mediaType = "application/merge-patch+json") =>
        client.PatchAsync(url, new StringContent(json, Encoding.UTF8, mediaType));
}
