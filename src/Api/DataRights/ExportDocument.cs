using System.Text.Json;
using HipLog.Api.Pain;
using HipLog.Api.Runs;
using HipLog.Api.Sharing;
using HipLog.Api.Stretching;
using HipLog.Api.Webhooks;
using HipLog.Domain.Pain;
using HipLog.Domain.Runs;
using HipLog.Domain.Sharing;
using HipLog.Domain.Stretching;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using HipLog.Domain.Wire;
using JasperFx.Events;
using Marten;

namespace HipLog.Api.DataRights;

/// <summary>
/// hiplog-export.json: the profile without secrets, that there is a calendar feed (never its address), the entries as
/// the API answers them, each recommendation with the statuses it went through, the webhook deliveries, the shares with
/// their access logs, and every
/// event of the runner's log and of their recommendations, in the order written.
/// </summary>
internal sealed class ExportDocument(ExportedRunner runner, ExportEntries entries)
{
    /// <summary>Recommendations are read this many at a time, with their streams.</summary>
    private const int RecommendationBatch = 100;

    public async Task WriteAsync(Utf8JsonWriter w, CancellationToken ct)
    {
        w.WriteStartObject();
        WriteHead(w);
        await WriteArrayAsync(w, "runs", entries.Of<RunView>(), RunResponse.From, ct);
        await WriteArrayAsync(w, "painReports", entries.Of<PainReportView>(), PainReportResponse.From, ct);
        await WriteArrayAsync(w, "stretchSessions", entries.Of<StretchSessionView>(), StretchSessionResponse.From, ct);
        var recommendationIds = await entries.Session.Query<RecommendationView>().Where(r => r.RunnerId == runner.RunnerId)
            .OrderBy(r => r.DetectedAt).ThenBy(r => r.Id).Select(r => r.Id).ToListAsync(ct);
        await WriteRecommendationsAsync(w, recommendationIds, ct);
        await WriteArrayAsync(w, "webhookDeliveries", Deliveries(ct), d
            => new WebhookDeliveryResponse(d.Id, d.RecommendationId, d.Url, d.State,
            d.Attempts.Select(a => a with { Error = WebhookAttemptCategory.Shown(a.Error) }).ToList(), d.CreatedAt), ct);
        await WriteSharesAsync(w, ct);
        await WriteEventsAsync(w, recommendationIds, ct);
        w.WriteEndObject();
    }

    /// <summary>Each share as the runner sees it (never its code), with its whole access log, newest first.</summary>
    private async Task WriteSharesAsync(Utf8JsonWriter w, CancellationToken ct)
    {
        var session = entries.Session;
        var shares = await session.Query<ShareView>().Where(s => s.RunnerId == runner.RunnerId).OrderBy(s => s.OfferedAt).ToListAsync(ct);
        var log = (await session.Query<ShareAccess>().Where(a => a.RunnerId == runner.RunnerId).OrderByDescending(a => a.At)
            .ToListAsync(ct)).ToLookup(a => a.ShareId);
        var facts = await ShareFacts.LoadAsync(session, shares, ct);
        w.WritePropertyName("shares");
        Write(w, shares.Select(s => new ExportedShare(ShareResponse.Of(s, runner.ExportedAt, runner.Zone, facts), log[s.ShareId]
            .Select(a => new AccessResponse(a.Id, runner.Local(a.At), a.ClinicianId, facts.NameOf(a.ClinicianId) ??
                ShareResponse.ErasedClinician, a.What, a.From, a.To)).ToList())).ToList());
    }

    private void WriteHead(Utf8JsonWriter w)
    {
        var (profile, webhook, feed) = (runner.Profile, runner.Webhook, runner.CalendarFeed);
        w.WriteString("format", "hiplog-export");
        w.WriteNumber("formatVersion", 1);
        w.WriteString("runnerId", runner.RunnerId);
        w.WritePropertyName("exportedAt");
        Write(w, runner.Local(runner.ExportedAt));
        w.WritePropertyName("profile");
        Write(w, profile is null ? null : new ExportedProfile(profile.Id, profile.DisplayName, profile.TimeZone, profile.ReminderTime,
            profile.QuietHours, profile.WebhookUrl, webhook is { Disabled: true } ? webhook.DisabledReason ?? "disabled" : null,
            profile.RegisteredAt, profile.UpdatedAt));
        // That there is a feed, and since when; its address is a credential, and HipLog keeps only a hash of it.
        w.WritePropertyName("calendarFeed");
        Write(w, feed is null ? null : new ExportedCalendarFeed(runner.Local(feed.CreatedAt)));
    }

    /// <summary>Each recommendation as GET /recommendations shows it, and each status it went through.</summary>
    private async Task WriteRecommendationsAsync(Utf8JsonWriter w, IReadOnlyList<string> ids, CancellationToken ct)
    {
        w.WriteStartArray("recommendations");
        foreach (var batch in ids.Chunk(RecommendationBatch))
        {
            var views = (await entries.Session.LoadManyAsync<RecommendationView>(ct, batch)).ToDictionary(v => v.Id);
            var streams = await StreamsAsync(batch, ct);
            foreach (var id in batch.Where(views.ContainsKey))
            {
                w.WriteStartObject();
                foreach (var property in JsonSerializer.SerializeToElement(RecommendationPayload.From(views[id], runner.Zone),
                    RunnerExport.Json).EnumerateObject())
                    property.WriteTo(w);
                w.WritePropertyName("statusHistory");
                Write(w, StatusHistory(id, streams.GetValueOrDefault(id, [])));
                w.WriteEndObject();
            }

            await RunnerExport.FlushIfFullAsync(w, ct);
        }

        w.WriteEndArray();
    }

    /// <summary>The runner's own stream first, then each recommendation's, every one in the order it was written.</summary>
    private async Task WriteEventsAsync(Utf8JsonWriter w, IReadOnlyList<string> recommendationIds, CancellationToken ct)
    {
        w.WriteStartArray("events");
        await foreach (var e in entries.Session.Events.QueryAllRawEvents().Where(e => e.StreamKey == runner.RunnerId)
            .OrderBy(e => e.Version)
                           .ToAsyncEnumerable(ct))
        {
            WriteEvent(w, e);
            await RunnerExport.FlushIfFullAsync(w, ct);
        }

        foreach (var batch in recommendationIds.Chunk(RecommendationBatch))
        {
            var streams = await StreamsAsync(batch, ct);
            foreach (var e in batch.SelectMany(id => streams.GetValueOrDefault(id, [])))
                WriteEvent(w, e);
            await RunnerExport.FlushIfFullAsync(w, ct);
        }

        w.WriteEndArray();
    }

    private IAsyncEnumerable<WebhookDelivery> Deliveries(CancellationToken ct) =>
        entries.Session.Query<WebhookDelivery>().Where(d => d.RunnerId == runner.RunnerId).OrderBy(d => d.CreatedAt).ThenBy(d => d.Id)
            .ToAsyncEnumerable(ct);

    /// <summary>A few recommendations' events, grouped by stream in the order they were written.</summary>
    private async Task<Dictionary<string, List<IEvent>>> StreamsAsync(string[] ids, CancellationToken ct) =>
        (await entries.Session.Events.QueryAllRawEvents().Where(e => ids.Contains(e.StreamKey)).OrderBy(e => e.Sequence).ToListAsync(ct))
        .GroupBy(e => e.StreamKey!).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Version).ToList());

    /// <summary>The statuses a recommendation went through (and its follow-up), replayed with the rules that keep the inbox.</summary>
    private List<RecommendationStatusChange> StatusHistory(string id, List<IEvent> events)
    {
        var changes = new List<RecommendationStatusChange>();
        RecommendationView? view = null;
        foreach (var e in events)
        {
            var next = RecommendationView.After(view, e.Data);
            // A follow-up leaves the status as it was, but the runner was told something: it is part of the history too.
            if (next is not null && (view is null || next.Status != view.Status || next.FollowUp != view.FollowUp))
                changes.Add(new RecommendationStatusChange(next.Status, runner.Local(e.Timestamp), e.Version,
                    Kebab.Of(e.Data.GetType().Name)));
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
        Write(w, runner.Local(e.Timestamp));
        w.WritePropertyName("data");
        JsonSerializer.Serialize(w, e.Data, e.Data.GetType(), RunnerExport.Json);
        w.WriteEndObject();
    }

    private static async Task WriteArrayAsync<T>(Utf8JsonWriter w, string name, IAsyncEnumerable<T> items, Func<T, object> shape,
        CancellationToken ct)
    {
        w.WriteStartArray(name);
        await foreach (var item in items)
        {
            var shaped = shape(item);
            JsonSerializer.Serialize(w, shaped, shaped.GetType(), RunnerExport.Json);
            await RunnerExport.FlushIfFullAsync(w, ct);
        }

        w.WriteEndArray();
    }

    private static void Write<T>(Utf8JsonWriter w, T value) => JsonSerializer.Serialize(w, value, RunnerExport.Json);
}
