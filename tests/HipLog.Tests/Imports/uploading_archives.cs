using System.Net;
using HipLog.Api.Imports;
using HipLog.Domain.Imports;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HipLog.Tests.Imports;

/// <summary>POST /runners/{id}/imports: what the Api checks of an archive before it queues it for the Worker.</summary>
public sealed class uploading_archives(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 6, 30, 0, TimeSpan.Zero);

    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task an_archive_of_another_media_type_is_a_415()
    {
        var runner = api.Runner("archive-media");

        var answer = await runner.Imports.ArchiveAsync(Tracks.Zip([("a.gpx", Gpx)]), "application/octet-stream");

        answer.IsProblem(HttpStatusCode.UnsupportedMediaType);
    }

    public static TheoryData<string, string> HostileArchives => new()
    {
        { "not-a-zip", "Not a ZIP" },
        { "no-activities", "no .gpx, .tcx or .fit" },
        { "climbing-out", "climbs out" },
        { "absolute", "absolute" },
        { "control-character", "control" },
        { "zip-bomb", "zip bomb" },
        { "miscounted", "its directory holds 1 entries but its end record counts 2" },
        { "broken-directory", "directory is damaged" },
        { "endless-directory", $"more than {ActivityArchive.MaxEntries} entries" },
    };

    [Theory]
    [MemberData(nameof(HostileArchives))]
    public async Task a_hostile_or_empty_archive_is_refused_whole_saying_why(string archive, string reason)
    {
        var runner = api.Runner("archive-hostile-" + archive);

        var answer = await runner.Imports.ArchiveAsync(ArchiveOf(archive));

        answer.IsProblem(HttpStatusCode.BadRequest).Detail!.ShouldContain(reason);
        await using var session = api.Store.QuerySession();
        (await session.Query<RunImport>().CountAsync(i => i.RunnerId == runner.Id)).ShouldBe(0);
        api.Logs.Lines.ShouldNotContain(l => l.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task an_archive_with_a_bad_option_is_a_400()
    {
        var runner = api.Runner("archive-options");

        (await runner.Imports.ArchiveAsync(Tracks.Zip([("a.gpx", Gpx)]), query: "?effort=0")).IsProblem(HttpStatusCode.BadRequest)
            .Fields.ShouldBe(["effort"]);
    }

    [Fact]
    public async Task an_import_never_made_is_not_found()
    {
        var runner = api.Runner("archive-unknown");

        (await runner.Imports.GetAsync(Guid.NewGuid())).IsProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_archive_is_accepted_as_a_queued_import()
    {
        var runner = api.Runner("archive-owner");

        var posted = await runner.Imports.ArchiveAsync(Tracks.Zip([("a.gpx", Gpx)]));

        var import = posted.Is<RunImportResponse>(HttpStatusCode.Accepted);
        posted.Location.ShouldBe($"/runners/archive-owner/imports/{import.Id}");
        (await runner.Imports.ReadAsync(import.Id)).ShouldReadAs(new RunImportResponse(import.Id, RunImportStatus.Queued, 1, 0, 0, [],
            import.RequestedAt, null));
    }

    [Fact]
    public async Task another_runners_import_is_forbidden_under_their_path()
    {
        var import = (await api.Runner("archive-mine").Imports.ArchiveAsync(Tracks.Zip([("a.gpx", Gpx)])))
            .Is<RunImportResponse>(HttpStatusCode.Accepted);

        (await api.Runner("archive-other").GetAsync($"/runners/archive-mine/imports/{import.Id}")).IsProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task another_runners_import_is_not_found_under_your_path()
    {
        var import = (await api.Runner("archive-theirs").Imports.ArchiveAsync(Tracks.Zip([("a.gpx", Gpx)])))
            .Is<RunImportResponse>(HttpStatusCode.Accepted);

        (await api.Runner("archive-yours").Imports.GetAsync(import.Id)).IsProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_archive_waits_while_others_fill_the_budget_and_is_stored_when_one_is_done()
    {
        var runner = api.Runner("archive-budget");
        var others = await api.Services.GetRequiredService<ArchiveStores>().TakeAsync(ArchiveStores.Budget, default);

        var upload = runner.Imports.ArchiveAsync(Tracks.Zip([("a.gpx", Gpx)]));
        await Task.Delay(300);
        upload.IsCompleted.ShouldBeFalse();
        others!.Dispose();

        var import = (await upload.WaitAsync(TimeSpan.FromSeconds(30))).Is<RunImportResponse>(HttpStatusCode.Accepted);
        (await runner.Imports.ReadAsync(import.Id)).Total.ShouldBe(1);
    }

    [Fact]
    public async Task an_archive_that_waited_too_long_for_the_budget_is_a_503_to_retry_with_nothing_kept()
    {
        await using var impatient = new HipLogApi(api.ConnectionString, settings: new Dictionary<string, string?>
        {
            ["Imports:StoreWaitSeconds"] = "1",
        });
        using var others = await impatient.Services.GetRequiredService<ArchiveStores>().TakeAsync(ArchiveStores.Budget, default);
        var runner = impatient.Runner("archive-impatient");

        var answer = await runner.Imports.ArchiveAsync(Tracks.Zip([("a.gpx", Gpx)]));

        answer.IsProblem(HttpStatusCode.ServiceUnavailable).Title.ShouldBe("Too many archives at once");
        answer.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(30));
        await using var session = api.Store.QuerySession();
        (await session.Query<RunImport>().CountAsync(i => i.RunnerId == runner.Id)).ShouldBe(0);
    }

    private static byte[] Gpx => Tracks.Utf8(Tracks.Gpx(Start, Tracks.Meridian(30, 0.0001)));

    private static byte[] ArchiveOf(string name) => name switch
    {
        "not-a-zip" => Gpx,
        "no-activities" => Tracks.Zip([("notes.txt", Gpx)]),
        "climbing-out" => Tracks.Zip([("a.gpx", Gpx), ("../../etc/b.gpx", Gpx)]),
        "absolute" => Tracks.Zip([("a.gpx", Gpx), ("/abs/b.gpx", Gpx)]),
        "control-character" => Tracks.Zip([("a\u0000.gpx", Gpx)]),
        "miscounted" => DamagedZips.Counting(Tracks.Zip([("a.gpx", Gpx)]), 2),
        "broken-directory" => DamagedZips.WithBrokenDirectory(Tracks.Zip([("a.gpx", Gpx)])),
        "endless-directory" => DamagedZips.Counting(DamagedZips.OfEmptyEntries(ActivityArchive.MaxEntries + 10), 1),
        _ => Tracks.Zip([("bomb.gpx", new byte[8 * 1024 * 1024])]),
    };
}
