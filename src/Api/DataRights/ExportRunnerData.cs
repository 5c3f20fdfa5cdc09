using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HipLog.Api.Http;
using HipLog.Api.Http.Problems;
using HipLog.Api.Pain;
using HipLog.Api.Runs;
using HipLog.Api.Stretching;
using HipLog.Api.Watch;
using HipLog.Api.Webhooks;
using HipLog.Domain.CalendarFeeds;
using HipLog.Domain.Pain;
using HipLog.Domain.Profiles;
using HipLog.Domain.Runs;
using HipLog.Domain.Storage;
using HipLog.Domain.Stretching;
using HipLog.Domain.Time;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using HipLog.Domain.Wire;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.DataRights;

public static class ExportRunnerDataEndpoint
{
    /// <summary>
    /// Everything HipLog holds about the runner, as a ZIP streamed while it is read: hiplog-export.json (profile without
    /// secrets, when the calendar feed was made, entries as they stand, recommendations with their status history, webhook deliveries, every event),
    /// runs.csv, pain-reports.csv, stretch-sessions.csv, recommendations.csv and pain-observations.fhir.json (FHIR R4).
    /// </summary>
    [WolverineGet("/runners/{runnerId}/export"), Tags("Your data"), EndpointSummary("Export everything (ZIP)")]
    [ProducesResponseType<byte[]>(StatusCodes.Status200OK, "application/zip"), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(string runnerId, IQuerySession session, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        var profile = await session.LoadAsync<RunnerProfile>(runnerId, ct);
        // A runner may log before creating a profile: their log is theirs to take all the same. Only a runner of whom
        // nothing is recorded (never seen, or erased) has nothing to export.
        if (profile is null && await session.Events.FetchStreamStateAsync(runnerId, ct) is null)
            return Problem.NotFound("data recorded for this runner");
        return new RunnerExport(store, runnerId, profile, await session.LoadAsync<WebhookSubscription>(runnerId, ct),
            await session.LoadAsync<CalendarFeed>(runnerId, ct), clock.GetUtcNow());
    }
}

/// <summary>The profile as exported: the webhook's signing secret is never part of it.</summary>
public sealed record ExportedProfile(
    string Id, string DisplayName, string TimeZone, TimeOnly ReminderTime, QuietHours? QuietHours, string? WebhookUrl, string? WebhookDisabled,
    DateTimeOffset RegisteredAt, DateTimeOffset UpdatedAt);

/// <summary>The runner's calendar feed as exported: never its address or the hash of it.</summary>
public sealed record ExportedCalendarFeed(DateTimeOffset CreatedAt);

/// <param name="Event">The event that made the change (kebab-case type name); Version is its place in the recommendation's stream.</param>
public sealed record RecommendationStatusChange(RecommendationStatus Status, DateTimeOffset At, long Version, string Event);

/// <summary>
/// Writes the ZIP straight to the response body, one entry after another, reading each kind of entry with one
/// streamed query (rows are turned into output as they arrive) and the recommendations in small batches, so the
/// memory an export takes does not grow with the runner's history. Every write is asynchronous: the server allows
/// no other.
/// </summary>
internal sealed class RunnerExport(
    IDocumentStore store, string runnerId, RunnerProfile? profile, WebhookSubscription? webhook, CalendarFeed? calendarFeed, DateTimeOffset now) : IResult
{
    public const string JsonFile = "hiplog-export.json", RunsFile = "runs.csv", PainReportsFile = "pain-reports.csv",
        StretchSessionsFile = "stretch-sessions.csv", RecommendationsFile = "recommendations.csv", FhirFile = "pain-observations.fhir.json";

    /// <summary>Recommendations are read this many at a time, with their streams.</summary>
    private const int RecommendationBatch = 100;

    /// <summary>Output is handed to the response once this much is waiting.</summary>
    private const int FlushBytes = 32 * 1024;

    /// <summary>
    /// The API's own wire format (camelCase, kebab-case options, times with offsets), indented for a person to read.
    /// These are files in an archive, never HTML, so characters such as + and ' are written as they are.
    /// </summary>
    private static readonly JsonSerializerOptions Json = new(HipLogJson.Create()) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonWriterOptions Writer = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly RecommendationViewProjection Recommendations = new();

    private readonly TimeZoneInfo zone = LocalCalendar.FindZone(profile?.TimeZone) ?? TimeZoneInfo.Utc;

    public async Task ExecuteAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/zip";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"hiplog-export-{runnerId}.zip\"";

        await using var session = store.QuerySession();
        var body = new HeldWritesStream(http.Response.Body);
        await using (var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct))
        {
            await WriteJsonAsync(zip, body, JsonFile, w => WriteEverythingAsync(w, session, ct), ct);
            await WriteCsvAsync(zip, body, RunsFile, ExportTables.RunsHeader, Entries<RunView>(session, ct), ExportTables.Row, ct);
            await WriteCsvAsync(zip, body, PainReportsFile, ExportTables.PainReportsHeader, Entries<PainReportView>(session, ct), ExportTables.Row, ct);
            await WriteCsvAsync(zip, body, StretchSessionsFile, ExportTables.StretchSessionsHeader, Entries<StretchSessionView>(session, ct), ExportTables.Row, ct);
            await WriteCsvAsync(zip, body, RecommendationsFile, ExportTables.RecommendationsHeader,
                session.Query<RecommendationView>().Where(r => r.RunnerId == runnerId).OrderBy(r => r.DetectedAt).ThenBy(r => r.Id).ToAsyncEnumerable(ct),
                ExportTables.Row, ct);
            await WriteJsonAsync(zip, body, FhirFile, w => WriteObservationsAsync(w, session, ct), ct);
        }

        // The central directory, written by the archive's disposal.
        await body.FlushAsync(ct);
    }

    private async Task WriteEverythingAsync(Utf8JsonWriter w, IQuerySession session, CancellationToken ct)
    {
        w.WriteStartObject();
        w.WriteString("format", "hiplog-export");
        w.WriteNumber("formatVersion", 1);
        w.WriteString("runnerId", runnerId);
        w.WritePropertyName("exportedAt");
        Write(w, Local(now));
        w.WritePropertyName("profile");
        Write(w, profile is null ? null : new ExportedProfile(profile.Id, profile.DisplayName, profile.TimeZone, profile.ReminderTime, profile.QuietHours,
            profile.WebhookUrl, webhook is { Disabled: true } ? webhook.DisabledReason ?? "disabled" : null, profile.RegisteredAt, profile.UpdatedAt));
        // That there is a feed, and since when; its address is a credential, and HipLog keeps only a hash of it.
        w.WritePropertyName("calendarFeed");
        Write(w, calendarFeed is null ? null : new ExportedCalendarFeed(Local(calendarFeed.CreatedAt)));

        await WriteArrayAsync(w, "runs", Entries<RunView>(session, ct), RunResponse.From, ct);
        await WriteArrayAsync(w, "painReports", Entries<PainReportView>(session, ct), PainReportResponse.From, ct);
        await WriteArrayAsync(w, "stretchSessions", Entries<StretchSessionView>(session, ct), StretchSessionResponse.From, ct);

        var recommendationIds = await session.Query<RecommendationView>().Where(r => r.RunnerId == runnerId)
            .OrderBy(r => r.DetectedAt).ThenBy(r => r.Id).Select(r => r.Id).ToListAsync(ct);
        w.WriteStartArray("recommendations");
        foreach (var batch in recommendationIds.Chunk(RecommendationBatch))
        {
            var views = (await session.LoadManyAsync<RecommendationView>(ct, batch)).ToDictionary(v => v.Id);
            var streams = await StreamsAsync(session, batch, ct);
            foreach (var id in batch.Where(views.ContainsKey))
            {
                // The recommendation as GET /recommendations shows it, and each status it went through.
                w.WriteStartObject();
                foreach (var property in JsonSerializer.SerializeToElement(RecommendationPayload.From(views[id], zone), Json).EnumerateObject())
                    property.WriteTo(w);
                w.WritePropertyName("statusHistory");
                Write(w, StatusHistory(id, streams.GetValueOrDefault(id, [])));
                w.WriteEndObject();
            }

            await FlushIfFullAsync(w, ct);
        }

        w.WriteEndArray();

        await WriteArrayAsync(w, "webhookDeliveries",
            session.Query<WebhookDelivery>().Where(d => d.RunnerId == runnerId).OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).ToAsyncEnumerable(ct),
            d => new WebhookDeliveryResponse(d.Id, d.RecommendationId, d.Url, d.State,
                d.Attempts.Select(a => a with { Error = WebhookAttemptCategory.Shown(a.Error) }).ToList(), d.CreatedAt), ct);

        // The runner's own stream first, then each recommendation's, every one in the order it was written.
        w.WriteStartArray("events");
        await foreach (var e in session.Events.QueryAllRawEvents().Where(e => e.StreamKey == runnerId).OrderBy(e => e.Version).ToAsyncEnumerable(ct))
        {
            WriteEvent(w, e);
            await FlushIfFullAsync(w, ct);
        }

        foreach (var batch in recommendationIds.Chunk(RecommendationBatch))
        {
            var streams = await StreamsAsync(session, batch, ct);
            foreach (var id in batch)
                foreach (var e in streams.GetValueOrDefault(id, []))
                    WriteEvent(w, e);
            await FlushIfFullAsync(w, ct);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private async Task WriteObservationsAsync(Utf8JsonWriter w, IQuerySession session, CancellationToken ct)
    {
        w.WriteStartObject();
        w.WriteString("resourceType", "Bundle");
        w.WriteString("type", "collection");
        w.WriteString("timestamp", Csv.Time(Local(now)));
        // FHIR allows no empty arrays: a runner without pain reports gets a bundle without "entry".
        var entries = false;
        await foreach (var report in Entries<PainReportView>(session, ct))
        {
            var observation = PainObservations.From(report, profile?.DisplayName ?? runnerId);
            PainObservations.EnsureValid(observation);
            if (!entries)
                w.WriteStartArray("entry");
            entries = true;
            PainObservations.WriteEntry(w, observation);
            await FlushIfFullAsync(w, ct);
        }

        if (entries)
            w.WriteEndArray();
        w.WriteEndObject();
    }

    private IAsyncEnumerable<TView> Entries<TView>(IQuerySession session, CancellationToken ct) where TView : ILogEntryView =>
        session.Query<TView>().Where(v => v.RunnerId == runnerId).OrderBy(v => v.OccurredAt).ThenBy(v => v.Id).ToAsyncEnumerable(ct);

    /// <summary>A few recommendations' events, grouped by stream in the order they were written.</summary>
    private static async Task<Dictionary<string, List<IEvent>>> StreamsAsync(IQuerySession session, string[] ids, CancellationToken ct) =>
        (await session.Events.QueryAllRawEvents().Where(e => ids.Contains(e.StreamKey)).OrderBy(e => e.Sequence).ToListAsync(ct))
        .GroupBy(e => e.StreamKey!).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Version).ToList());

    /// <summary>The statuses a recommendation went through (and its follow-up), replayed with the projection that keeps the inbox.</summary>
    private List<RecommendationStatusChange> StatusHistory(string id, List<IEvent> events)
    {
        var changes = new List<RecommendationStatusChange>();
        RecommendationView? view = null;
        foreach (var e in events)
        {
            var next = Recommendations.Evolve(view, id, e);
            // A follow-up leaves the status as it was, but the runner was told something: it is part of the history too.
            if (next is not null && (view is null || next.Status != view.Status || next.FollowUp != view.FollowUp))
                changes.Add(new RecommendationStatusChange(next.Status, Local(e.Timestamp), e.Version, Kebab.Of(e.Data.GetType().Name)));
            view = next;
        }

        return changes;
    }

    private void WriteEvent(Utf8JsonWriter w, IEvent e)
    {
        w.WriteStartObject();
        w.WriteString("stream", e.StreamKey);
        w.WriteNumber("version", e.Version);
        w.WriteNumber("sequence", e.Sequence);
        w.WriteString("type", Kebab.Of(e.Data.GetType().Name));
        w.WritePropertyName("recordedAt");
        Write(w, Local(e.Timestamp));
        w.WritePropertyName("data");
        JsonSerializer.Serialize(w, e.Data, e.Data.GetType(), Json);
        w.WriteEndObject();
    }

    private async Task WriteArrayAsync<T>(Utf8JsonWriter w, string name, IAsyncEnumerable<T> items, Func<T, object> shape, CancellationToken ct)
    {
        w.WriteStartArray(name);
        await foreach (var item in items)
        {
            var shaped = shape(item);
            JsonSerializer.Serialize(w, shaped, shaped.GetType(), Json);
            await FlushIfFullAsync(w, ct);
        }

        w.WriteEndArray();
    }

    private static void Write<T>(Utf8JsonWriter w, T value) => JsonSerializer.Serialize(w, value, Json);

    /// <summary>Times HipLog stamped itself are shown in the runner's zone, as their entries are.</summary>
    private DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, zone);

    private static async Task FlushIfFullAsync(Utf8JsonWriter w, CancellationToken ct)
    {
        if (w.BytesPending >= FlushBytes)
            await w.FlushAsync(ct);
    }

    private ZipArchiveEntry Entry(ZipArchive zip, string name)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = Local(now);
        return entry;
    }

    private async Task WriteJsonAsync(ZipArchive zip, HeldWritesStream body, string name, Func<Utf8JsonWriter, Task> write, CancellationToken ct)
    {
        await using (var stream = await Entry(zip, name).OpenAsync(ct))
        await using (var writer = new Utf8JsonWriter(stream, Writer))
        {
            await write(writer);
            await writer.FlushAsync(ct);
        }

        await body.FlushAsync(ct);
    }

    private async Task WriteCsvAsync<T>(ZipArchive zip, HeldWritesStream body, string name, string header, IAsyncEnumerable<T> rows, Func<T, string> row, CancellationToken ct)
    {
        await using (var stream = await Entry(zip, name).OpenAsync(ct))
        await using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), FlushBytes))
        {
            await writer.WriteAsync((header + Csv.RecordEnd).AsMemory(), ct);
            await foreach (var item in rows)
                await writer.WriteAsync((row(item) + Csv.RecordEnd).AsMemory(), ct);
            await writer.FlushAsync(ct);
        }

        await body.FlushAsync(ct);
    }
}

/// <summary>
/// The response body as ZipArchive needs it. The archive writes an entry's last compressed block, its data descriptor
/// and the central directory with blocking writes, which the server refuses; those few bytes are held here and sent
/// asynchronously with the next write or flush. What is held is bounded by an entry's tail, never by its size.
/// </summary>
internal sealed class HeldWritesStream(Stream inner) : Stream
{
    private readonly MemoryStream held = new();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => held.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => held.Write(buffer);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await SendHeldAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Held until the next asynchronous flush.</summary>
    public override void Flush()
    {
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendHeldAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    private async ValueTask SendHeldAsync(CancellationToken ct)
    {
        if (held.Length == 0)
            return;
        await inner.WriteAsync(held.GetBuffer().AsMemory(0, (int)held.Length), ct);
        held.SetLength(0);
    }
}
