using System.Net;
using System.Net.Http.Headers;
using HipLog.Api.CalendarFeeds;
using HipLog.Api.DataRights;
using HipLog.Api.Http.Lists;
using HipLog.Api.Imports;
using HipLog.Api.Profiles;
using HipLog.Api.Timeline;
using HipLog.Api.Trends;
using HipLog.Domain.Imports;
using HipLog.Domain.Watch;

namespace HipLog.Tests.Support.Clients;

/// <summary>A kind of log entry (runs, pain reports, stretch sessions): create, read, list, correct, patch, retract.</summary>
public sealed class EntriesClient<TResponse>(RunnerClient runner, string segment, Func<object> sample)
{
    public string Path => $"{runner.Path}/{segment}";

    public string PathOf(Guid id) => $"{Path}/{id}";

    public Task<Answer> PostAsync(object? body = null, string? idempotencyKey = null)
        => runner.PostAsync(Path, body ?? sample(), idempotencyKey);

    /// <summary>Creates one (the feature's sample when no body is given) and answers it, failing the test on anything but 201.</summary>
    public async Task<TResponse> CreateAsync(object? body = null) => (await PostAsync(body)).Is<TResponse>(HttpStatusCode.Created);

    public Task<Answer> GetAsync(Guid id) => runner.GetAsync(PathOf(id));

    public async Task<TResponse> ReadAsync(Guid id) => (await GetAsync(id)).Is<TResponse>(HttpStatusCode.OK);

    /// <summary>The first page (100 by default) of the list, with an optional query such as "?from=2026-11-24".</summary>
    public async Task<IReadOnlyList<TResponse>> ListAsync(string query = "") =>
        (await runner.GetAsync(Path + query)).Is<Page<TResponse>>(HttpStatusCode.OK).Items;

    public Task<List<TResponse>> AllAsync(int limit) => runner.AllAsync<TResponse>(Path, limit);

    public Task<Answer> PutAsync(Guid id, object body, string? idempotencyKey = null) => runner.PutAsync(PathOf(id), body, idempotencyKey);

    public async Task<TResponse> CorrectAsync(Guid id, object body) => (await PutAsync(id, body)).Is<TResponse>(HttpStatusCode.OK);

    public Task<Answer> PatchAsync(Guid id, string patch, string mediaType = "application/merge-patch+json") =>
        runner.PatchAsync(PathOf(id), patch, mediaType);

    public Task<Answer> RetractAsync(Guid id, string? idempotencyKey = null) => runner.DeleteAsync(PathOf(id), idempotencyKey);
}

public sealed class ProfilesClient(RunnerClient runner)
{
    public string Path => $"{runner.Path}/profile";

    public Task<Answer> PutAsync(object body, string? idempotencyKey = null) => runner.PutAsync(Path, body, idempotencyKey);

    /// <summary>Sets the profile, failing the test on anything but 201 (a first profile) or 200.</summary>
    public async Task<ProfileResponse> SetAsync(object? body = null)
    {
        var answer = await PutAsync(body ?? Sample.Profile());
        return answer.Is<ProfileResponse>(answer.Status == HttpStatusCode.Created ? HttpStatusCode.Created : HttpStatusCode.OK);
    }

    public Task<Answer> GetAsync() => runner.GetAsync(Path);

    public async Task<ProfileResponse> ReadAsync() => (await GetAsync()).Is<ProfileResponse>(HttpStatusCode.OK);
}

public sealed class WatchClient(RunnerClient runner)
{
    public string Path => $"{runner.Path}/recommendations";

    public async Task<IReadOnlyList<RecommendationPayload>> ListAsync(string? status = null) =>
        (await runner.GetAsync(status is null ? Path : $"{Path}?status={status}")).Is<Page<RecommendationPayload>>(HttpStatusCode.OK).Items;

    public async Task<RecommendationPayload> ReadAsync(string id) => (await runner.GetAsync($"{Path}/{id}"))
        .Is<RecommendationPayload>(HttpStatusCode.OK);

    public Task<Answer> AcknowledgeAsync(string id) => runner.PostAsync($"{Path}/{id}/acknowledge");

    public Task<Answer> DismissAsync(string id) => runner.PostAsync($"{Path}/{id}/dismiss");
}

public sealed class TrendsClient(RunnerClient runner)
{
    public Task<Answer> PainTrendAsync(string query = "") => runner.GetAsync($"{runner.Path}/pain-trend{query}");

    public async Task<PainTrendResponse> PainAsync(string query = "") => (await PainTrendAsync(query))
        .Is<PainTrendResponse>(HttpStatusCode.OK);

    public async Task<TrainingLoadResponse> LoadAsync(string query = "") =>
        (await runner.GetAsync($"{runner.Path}/training-load{query}")).Is<TrainingLoadResponse>(HttpStatusCode.OK);

    public async Task<StretchEffectivenessResponse> StretchEffectivenessAsync() =>
        (await runner.GetAsync($"{runner.Path}/stretch-effectiveness")).Is<StretchEffectivenessResponse>(HttpStatusCode.OK);

    public async Task<ReportLinkResponse> LinkAsync() =>
        (await runner.PostAsync($"{runner.Path}/report-links")).Is<ReportLinkResponse>(HttpStatusCode.Created);
}

public sealed class TimelineClient(RunnerClient runner)
{
    public string Path => $"{runner.Path}/timeline";

    public Task<Answer> GetAsync(string query = "") => runner.GetAsync(Path + query);

    public async Task<TimelinePage> ReadAsync(string query = "") => (await GetAsync(query)).Is<TimelinePage>(HttpStatusCode.OK);
}

/// <summary>Uploads: one activity file into a run, or an archive into an import the Worker carries out.</summary>
public sealed class ImportsClient(RunnerClient runner)
{
    public string RunPath => $"{runner.Path}/runs/import";

    public string ArchivePath => $"{runner.Path}/imports";

    /// <summary>The bytes as uploaded, with this media type (none when null).</summary>
    public static ByteArrayContent File(byte[] bytes, string? mediaType)
    {
        var content = new ByteArrayContent(bytes);
        if (mediaType is not null)
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        return content;
    }

    public Task<Answer> RunAsync(string text, string mediaType = "application/gpx+xml", string query = "", string? idempotencyKey = null) =>
        runner.PostAsync(RunPath + query, File(Tracks.Utf8(text), mediaType), idempotencyKey);

    public Task<Answer> RunAsync(byte[] file, string? mediaType, string query = "") =>
        runner.PostAsync(RunPath + query, File(file, mediaType));

    public Task<Answer> ArchiveAsync(byte[] zip, string mediaType = "application/zip", string query = "") =>
        runner.PostAsync(ArchivePath + query, File(zip, mediaType));

    public Task<Answer> GetAsync(Guid importId) => runner.GetAsync($"{ArchivePath}/{importId}");

    public async Task<RunImportResponse> ReadAsync(Guid importId) => (await GetAsync(importId)).Is<RunImportResponse>(HttpStatusCode.OK);

    /// <summary>The import once the Worker has finished it, done or failed.</summary>
    public Task<RunImportResponse> FinishedAsync(Guid importId, int seconds = 60) =>
        Eventually.Get(async () => await ReadAsync(importId) is { Status: RunImportStatus.Done or RunImportStatus.Failed } import ? import
            : null,
            "the archive import to finish", seconds);
}

/// <summary>The runner's calendar feed: made (or rotated), revoked, and read as a calendar app reads it, by its address alone.</summary>
public sealed class CalendarFeedClient(RunnerClient runner, HttpClient app)
{
    public string Path => $"{runner.Path}/calendar-feed";

    public Task<Answer> PostAsync(string? idempotencyKey = null) => runner.PostAsync(Path, null, idempotencyKey);

    public async Task<CalendarFeedResponse> CreateAsync() => (await PostAsync()).Is<CalendarFeedResponse>(HttpStatusCode.Created);

    public Task<Answer> RevokeAsync() => runner.DeleteAsync(Path);

    /// <summary>The feed at this address, with no Authorization header.</summary>
    public Task<Answer> ReadAsync(string url) => app.GetAnswerAsync(new Uri(url).PathAndQuery);
}

/// <summary>What the runner may ask of their data: all of it in one ZIP, or erased.</summary>
public sealed class DataRightsClient(RunnerClient runner)
{
    public string ExportPath => $"{runner.Path}/export";

    public Task<Answer> GetExportAsync() => runner.GetAsync(ExportPath);

    /// <summary>The ZIP's files, failing the test on anything but 200.</summary>
    public async Task<Export> ExportAsync() => await Export.ReadAsync(await runner.Http.GetAsync(ExportPath));

    public Task<Answer> EraseAsync() => runner.DeleteAsync(runner.Path);

    public Task<Answer> GetErasureAsync() => runner.GetAsync($"{runner.Path}/erasure");

    public async Task<ErasureResponse> ReadErasureAsync() => (await GetErasureAsync()).Is<ErasureResponse>(HttpStatusCode.OK);
}

/// <summary>The printable clinician summary: an HTML page, compared as text.</summary>
public sealed class ClinicianClient(RunnerClient runner)
{
    public string Path => $"{runner.Path}/clinician-summary";

    public Task<Answer> SummaryAsync(string query = "") => runner.GetAsync(Path + query);
}
