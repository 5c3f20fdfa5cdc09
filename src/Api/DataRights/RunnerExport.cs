using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using HipLog.Domain.Pain;
using HipLog.Domain.Runs;
using HipLog.Domain.Storage;
using HipLog.Domain.Stretching;
using HipLog.Domain.Watch;
using HipLog.Domain.Wire;
using Marten;
using Observation = Hl7.Fhir.Model.Observation;

namespace HipLog.Api.DataRights;

/// <summary>
/// Writes the ZIP straight to the response body, one entry after another, reading each kind of entry with one
/// streamed query (rows are turned into output as they arrive) and the recommendations in small batches, so the
/// memory an export takes does not grow with the runner's history. Every write is asynchronous: the server allows
/// no other.
/// </summary>
internal sealed class RunnerExport(IDocumentStore store, ExportedRunner runner) : IResult
{
    public const string JsonFile = "hiplog-export.json", RunsFile = "runs.csv", PainReportsFile = "pain-reports.csv",
        StretchSessionsFile = "stretch-sessions.csv", RecommendationsFile = "recommendations.csv", FhirFile = "pain-observations.fhir.json";

    /// <summary>Output is handed to the response once this much is waiting.</summary>
    public const int FlushBytes = 32 * 1024;

    /// <summary>CSV rows are handed to the response this many at a time.</summary>
    private const int FlushRows = 100;

    /// <summary>
    /// The API's own wire format (camelCase, kebab-case options, times with offsets), indented for a person to read.
    /// These are files in an archive, never HTML, so characters such as + and ' are written as they are.
    /// </summary>
    public static readonly JsonSerializerOptions Json = new(HipLogJson.Create()) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonWriterOptions Writer = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task ExecuteAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/zip";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"hiplog-export-{runner.RunnerId}.zip\"";

        await using var session = store.QuerySession();
        var entries = new ExportEntries(session, runner.RunnerId, ct);
        var body = new HeldWritesStream(http.Response.Body);
        await using (var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct))
        {
            await WriteJsonAsync(zip, body, JsonFile, w => new ExportDocument(runner, entries).WriteAsync(w, ct), ct);
            await WriteCsvAsync(zip, body, RunsFile, ExportTables.RunsHeader, entries.Of<RunView>(), ExportTables.Row, ct);
            await WriteCsvAsync(zip, body, PainReportsFile, ExportTables.PainReportsHeader, entries.Of<PainReportView>(), ExportTables.Row,
                ct);
            await WriteCsvAsync(zip, body, StretchSessionsFile, ExportTables.StretchSessionsHeader, entries.Of<StretchSessionView>(),
                ExportTables.Row, ct);
            await WriteCsvAsync(zip, body, RecommendationsFile, ExportTables.RecommendationsHeader, entries.Recommendations(),
                ExportTables.Row, ct);
            await WriteJsonAsync(zip, body, FhirFile,
                w => WriteObservationsAsync(w, Observations(entries, runner.Profile?.DisplayName ?? runner.RunnerId),
                    runner.Local(runner.ExportedAt), ct),
                ct);
        }

        // The central directory, written by the archive's disposal.
        await body.FlushAsync(ct);
    }

    private static async Task FlushAsync(CsvHelper.CsvWriter csv, StreamWriter text, CancellationToken ct)
    {
        await csv.FlushAsync();
        await text.FlushAsync(ct);
    }

    public static async Task FlushIfFullAsync(Utf8JsonWriter w, CancellationToken ct)
    {
        if (w.BytesPending >= FlushBytes)
            await w.FlushAsync(ct);
    }

    /// <summary>The runner's standing pain reports, then the heart rates of their runs that have one, as FHIR Observations.</summary>
    private static async IAsyncEnumerable<Observation> Observations(ExportEntries entries, string displayName)
    {
        await foreach (var report in entries.Of<PainReportView>())
            yield return PainObservations.From(report, displayName);
        await foreach (var run in entries.Of<RunView>())
            if (HeartRateObservations.From(run, displayName) is { } heartRate)
                yield return heartRate;
    }

    /// <summary>A FHIR Bundle (collection) of the observations, written as they are read.</summary>
    private static async Task WriteObservationsAsync(Utf8JsonWriter w, IAsyncEnumerable<Observation> observations,
        DateTimeOffset timestamp, CancellationToken ct)
    {
        w.WriteStartObject();
        w.WriteString("resourceType", "Bundle");
        w.WriteString("type", "collection");
        w.WriteString("timestamp", Csv.Time(timestamp));
        // FHIR allows no empty arrays: a runner without pain reports gets a bundle without "entry".
        var entries = false;
        await foreach (var observation in observations)
        {
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

    private ZipArchiveEntry Entry(ZipArchive zip, string name)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = runner.Local(runner.ExportedAt);
        return entry;
    }

    private async Task WriteJsonAsync(ZipArchive zip, HeldWritesStream body, string name, Func<Utf8JsonWriter, Task> write,
        CancellationToken ct)
    {
        await using (var stream = await Entry(zip, name).OpenAsync(ct))
        await using (var writer = new Utf8JsonWriter(stream, Writer))
        {
            await write(writer);
            await writer.FlushAsync(ct);
        }

        await body.FlushAsync(ct);
    }

    private async Task WriteCsvAsync<T>(ZipArchive zip, HeldWritesStream body, string name, string[] header, IAsyncEnumerable<T> rows,
        Func<T, string?[]> row, CancellationToken ct)
    {
        await using (var stream = await Entry(zip, name).OpenAsync(ct))
        await using (var text = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), FlushBytes))
        await using (var csv = Csv.Writer(text))
        {
            csv.WriteFields(header);
            await foreach (var item in rows)
            {
                csv.WriteFields(row(item));
                // The writers fill their buffers synchronously; handing them on now and then keeps what the response holds small.
                if (csv.Row % FlushRows == 0)
                    await FlushAsync(csv, text, ct);
            }

            await FlushAsync(csv, text, ct);
        }

        await body.FlushAsync(ct);
    }
}

/// <summary>The runner's entries and recommendations as the export reads them: each kind in one streamed query, in the order
/// written.</summary>
internal sealed class ExportEntries(IQuerySession session, string runnerId, CancellationToken ct)
{
    public IQuerySession Session => session;

    public IAsyncEnumerable<TView> Of<TView>() where TView : ILogEntryView =>
        session.Query<TView>().Where(v => v.RunnerId == runnerId).OrderBy(v => v.OccurredAt).ThenBy(v => v.Id).ToAsyncEnumerable(ct);

    public IAsyncEnumerable<RecommendationView> Recommendations() =>
        session.Query<RecommendationView>().Where(r => r.RunnerId == runnerId).OrderBy(r => r.DetectedAt).ThenBy(r => r.Id)
            .ToAsyncEnumerable(ct);
}
