using HipLog.Api.Http.Writes;
using HipLog.Api.Imports;
using HipLog.Api.Runs;
using HipLog.Domain.Imports;
using HipLog.Domain.Runs;
using HipLog.Tests.Support;
using Microsoft.AspNetCore.Http;
using Wolverine.Marten;

namespace HipLog.Tests.Imports;

/// <summary>The import endpoints and their decisions, called directly: no host, no database.</summary>
public sealed class deciding_about_imports
{
    private static readonly ArchiveStores Stores = new(TimeSpan.FromSeconds(1));

    private static readonly DateTimeOffset Start = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);

    private static HttpRequest Upload(byte[] body, string contentType)
    {
        var http = new DefaultHttpContext();
        http.Request.ContentType = contentType;
        http.Request.Body = new MemoryStream(body);
        return http.Request;
    }

    private static async Task<UploadedActivity> Read(string? effort = null)
    {
        var (upload, problem) = await ImportRunEndpoint.BeforeAsync(
            Upload(Tracks.Utf8(Tracks.Gpx(Start, Tracks.Meridian(61, 0.00003, every: 2))), ActivityFiles.GpxContentType), effort, null,
                default);
        problem.Status.ShouldBeNull();
        return upload!;
    }

    [Fact]
    public async Task a_file_of_another_type_is_refused_before_it_is_read()
    {
        var (_, problem) = await ImportRunEndpoint.BeforeAsync(Upload([1, 2, 3], "text/plain"), null, null, default);

        problem.Status.ShouldBe(415);
    }

    [Fact]
    public async Task an_unknown_effort_is_refused_naming_it()
    {
        var (_, problem) = await ImportRunEndpoint.BeforeAsync(Upload([], ActivityFiles.GpxContentType), "eleven", null, default);

        problem.Extensions["errors"].ShouldBeOfType<Dictionary<string, string[]>>().Keys.ShouldBe(["effort"]);
    }

    [Fact]
    public async Task a_track_starts_on_the_runners_clock()
    {
        var upload = await Read();
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var (details, _) = ImportRunEndpoint.Validate(upload, new ImportTarget(berlin, []), Decisions.Clock());

        details!.Runs.Single().StartedAt.ShouldBe(Start.ToOffset(TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task a_new_activity_is_logged_with_a_note_that_it_counts_no_load()
    {
        var upload = await Read();
        var (details, _) = ImportRunEndpoint.Validate(upload, new ImportTarget(TimeZoneInfo.Utc, []), Decisions.Clock());

        var (written, op) = ImportRunEndpoint.Post("alice", details!, new ImportTarget(TimeZoneInfo.Utc, []));

        var logged = op.AppendsOne<RunLogged>("alice");
        written.ShouldAnswer(201, RunResponse.From(logged) with { Note = ImportRunEndpoint.NoEffortNote },
            $"/runners/alice/runs/{logged.RunId}");
    }

    [Fact]
    public async Task the_same_activity_again_is_answered_with_the_run_already_logged()
    {
        var upload = await Read(effort: "5");
        var (details, _) = ImportRunEndpoint.Validate(upload, new ImportTarget(TimeZoneInfo.Utc, []), Decisions.Clock());
        var existing = new RunView(Guid.CreateVersion7(), "alice", details!.Runs.Single(), 0);

        var (written, op) = ImportRunEndpoint.Post("alice", details!, new ImportTarget(TimeZoneInfo.Utc, [existing]));

        op.ShouldBeOfType<NoOp>();
        written.ShouldAnswer(200, RunResponse.From(existing));
    }

    /// <summary>A ZIP of two GPX files, posted.</summary>
    private static async Task<(Written<RunImportResponse> Written, IEnumerable<IMartenOp> Ops)> TwoFilesPosted()
    {
        var zip = Tracks.Zip([("a.gpx", Tracks.Utf8(Tracks.Gpx(Start, Tracks.Meridian(10, 0.0001)))),
            ("b.gpx", Tracks.Utf8(Tracks.Gpx(Start.AddDays(1), Tracks.Meridian(10, 0.0001))))]);
        var (upload, _) = await ImportArchiveEndpoint.BeforeAsync(Upload(zip, ActivityArchive.ContentType), null, null, Stores, default);
        return ImportArchiveEndpoint.Post("alice", upload!, Decisions.Clock());
    }

    [Fact]
    public async Task an_archive_is_queued_with_its_file_count()
    {
        var (written, ops) = await TwoFilesPosted();

        var import = ops.First().ShouldBeOfType<InsertDoc<RunImport>>().Document.ShouldBeOfType<RunImport>();
        (import.Total, import.Status, import.RunnerId).ShouldBe((2, RunImportStatus.Queued, "alice"));
        written.ShouldAnswer(202, RunImportResponse.From(import), $"/runners/alice/imports/{import.Id}");
    }

    [Fact]
    public async Task an_archive_is_stored_in_the_write_that_queues_its_import()
    {
        var (_, ops) = await TwoFilesPosted();

        ops.Skip(1).Select(op => op.GetType()).ShouldBe([typeof(StoreArchive), typeof(AppendToStream)]);
    }

    [Fact]
    public async Task an_archive_that_is_no_zip_is_refused_with_the_reason()
    {
        var (_, problem) = await ImportArchiveEndpoint.BeforeAsync(Upload(Tracks.Utf8("not a zip"), ActivityArchive.ContentType), null,
            null, Stores, default);

        (problem.Status, problem.Title).ShouldBe((400, "The archive cannot be imported"));
    }
}
