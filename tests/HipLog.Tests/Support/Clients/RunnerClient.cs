using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HipLog.Api.Pain;
using HipLog.Api.Runs;
using HipLog.Api.Stretching;
using HipLog.Domain.Wire;
using JasperFx.Events;
using Marten;

namespace HipLog.Tests.Support.Clients;

/// <summary>
/// One runner driving the real Api with their own token, a typed client per feature. Bodies go out in the API's wire
/// format; answers come back as the Api's own response records, so a test compares whole answers.
/// </summary>
public sealed class RunnerClient(HipLogApi api, HttpClient http, string runnerId)
{
    public string Id => runnerId;

    /// <summary>The raw client, for requests no typed client sends (hostile bodies, other media types).</summary>
    public HttpClient Http => http;

    public string Path => $"/runners/{runnerId}";

    public EntriesClient<RunResponse> Runs => new(this, "runs", () => Sample.Run());

    public EntriesClient<PainReportResponse> Pain => new(this, "pain-reports", () => Sample.Pain());

    public EntriesClient<StretchSessionResponse> Stretching => new(this, "stretch-sessions", () => Sample.Session());

    public ProfilesClient Profiles => new(this);

    public WatchClient Watch => new(this);

    public TrendsClient Trends => new(this);

    public TimelineClient Timeline => new(this);

    public ImportsClient Imports => new(this);

    /// <summary>The feed, read by a calendar app of this Api's.</summary>
    public CalendarFeedClient CalendarFeed => new(this, api.CreateClient());

    public DataRightsClient DataRights => new(this);

    public ClinicianClient Clinician => new(this);

    public WebhooksClient Webhooks => new(this);

    /// <summary>The runner's stream as stored, read past the Api: what a write appended, or that it appended nothing.</summary>
    public async Task<IReadOnlyList<IEvent>> StoredEventsAsync()
    {
        await using var session = api.Store.QuerySession();
        return await session.Events.FetchStreamAsync(runnerId);
    }

    public async Task<Type[]> StoredEventTypesAsync() => (await StoredEventsAsync()).Select(e => e.EventType).ToArray();

    public Task<Answer> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<Answer> PostAsync(string path, object? body = null, string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Post, path, body, idempotencyKey);

    public Task<Answer> PutAsync(string path, object body, string? idempotencyKey = null)
        => SendAsync(HttpMethod.Put, path, body, idempotencyKey);

    public Task<Answer> DeleteAsync(string path, string? idempotencyKey = null) => SendAsync(HttpMethod.Delete, path, null, idempotencyKey);

    /// <summary>A JSON merge patch (RFC 7396), sent as written.</summary>
    public Task<Answer> PatchAsync(string path, string patch, string mediaType = "application/merge-patch+json",
        string? idempotencyKey = null) =>
        SendAsync(HttpMethod.Patch, path, new StringContent(patch, Encoding.UTF8, mediaType), idempotencyKey);

    public async Task<Answer> SendAsync(HttpMethod method, string path, object? body = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body switch
            {
                null => null,
                HttpContent content => content,
                string json => new StringContent(json, Encoding.UTF8, "application/json"),
                _ => JsonContent.Create(body, body.GetType(), options: HipLogJson.Wire),
            },
        };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await Answer.ReadAsync(await http.SendAsync(request));
    }

    /// <summary>Every item of a list, following its "next" cursor page after page.</summary>
    public async Task<List<T>> AllAsync<T>(string path, int limit)
    {
        var items = new List<T>();
        string? next = null;
        do
        {
            var separator = path.Contains('?') ? '&' : '?';
            var page = (await GetAsync($"{path}{separator}limit={limit}{(next is null ? "" : "&cursor=" + next)}"))
                .Is<Api.Http.Lists.Page<T>>(HttpStatusCode.OK);
            items.AddRange(page.Items);
            next = page.Next;
        }
        while (next is not null);
        return items;
    }
}

public static class RunnerClients
{
    /// <summary>A runner with their own token on this Api.</summary>
    public static RunnerClient Runner(this HipLogApi api, string runnerId) => new(api, api.ClientFor(runnerId), runnerId);

    /// <summary>A runner's paths asked for through this client: with another runner's token, or with none.</summary>
    public static RunnerClient Runner(this HipLogApi api, string runnerId, HttpClient http) => new(api, http, runnerId);

    /// <summary>A clinician with their own token (the clinician role), sending to paths given whole.</summary>
    public static RunnerClient Clinician(this HipLogApi api, string clinicianId) =>
        new(api, api.ClinicianClientFor(clinicianId), clinicianId);

    /// <summary>A runner with a profile (Ana, living in Berlin): an import starts its runs on that clock.</summary>
    public static async Task<RunnerClient> RunnerInBerlinAsync(this HipLogApi api, string runnerId)
    {
        var runner = api.Runner(runnerId);
        await runner.Profiles.SetAsync(Sample.Profile("Ana", "Europe/Berlin"));
        return runner;
    }
}
