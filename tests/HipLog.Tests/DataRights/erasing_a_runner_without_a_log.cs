using System.Net;
using HipLog.Api.DataRights;
using HipLog.Api.Imports;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.DataRights;

/// <summary>Whatever a runner stored counts: one whose only data is an uploaded archive can be erased too.</summary>
public sealed class erasing_a_runner_without_a_log(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    private static byte[] Archive() => Tracks.Zip([("run.gpx",
        Tracks.Utf8(Tracks.Gpx(new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero), Tracks.Meridian(61, 0.0001))))]);

    [Fact]
    public async Task a_runner_whose_only_data_is_an_uploaded_archive_is_erased()
    {
        var runner = api.Runner("runner-erase-only-archive");
        (await runner.Imports.ArchiveAsync(Archive())).Is<RunImportResponse>(HttpStatusCode.Accepted);

        (await runner.DataRights.EraseAsync()).Is<ErasureResponse>(HttpStatusCode.Accepted).Status.ShouldBe("pending");
    }

    [Fact]
    public async Task an_uploaded_archive_is_not_found_once_its_runner_asked_to_be_erased()
    {
        var runner = api.Runner("runner-erase-archive-gone");
        var import = (await runner.Imports.ArchiveAsync(Archive())).Is<RunImportResponse>(HttpStatusCode.Accepted);
        await runner.DataRights.EraseAsync();

        (await runner.Imports.GetAsync(import.Id)).IsProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task every_write_while_the_erasure_is_pending_is_a_409_that_stores_nothing_and_one_after_it_starts_afresh()
    {
        var runner = api.Runner("runner-erase-writes-refused");
        var http = api.ClientFor(runner.Id);
        await http.Create($"/runners/{runner.Id}/runs", Scenarios.Run());
        (await runner.DataRights.EraseAsync()).Is<ErasureResponse>(HttpStatusCode.Accepted);

        var refused = new[]
        {
            await http.PostJson($"/runners/{runner.Id}/runs", Scenarios.Run("2026-11-26T07:10:00+01:00")),
            await http.PostJson($"/runners/{runner.Id}/pain-reports", Scenarios.Pain("2026-11-26T08:00:00+01:00", 4)),
            await http.PutJson($"/runners/{runner.Id}/profile", new { displayName = "Back", timeZone = "Europe/Berlin" }),
        };
        foreach (var answer in refused)
            (await answer.ShouldBeProblem(HttpStatusCode.Conflict))["title"]!.GetValue<string>().ShouldBe("This runner is being erased");
        (await runner.DataRights.EraseAsync()).Is<ErasureResponse>(HttpStatusCode.Accepted).Status.ShouldBe("pending");
        await using (var session = api.Store.LightweightSession())
        {
            (await session.Events.FetchStreamAsync(runner.Id)).Count.ShouldBe(1, "the run logged before the erasure only");
            // What the Worker does at the end of an erasure.
            var key = new HipLog.Domain.DataRights.ErasureKeys(TestHosts.ErasureSecret).For(runner.Id);
            var request = (await session.LoadAsync<HipLog.Domain.DataRights.ErasureRequest>(key))!;
            session.Store(request with { RunnerId = null, Status = HipLog.Domain.DataRights.ErasureStatus.Done });
            await session.SaveChangesAsync();
        }

        await api.Store.Advanced.Clean.DeleteSingleEventStreamAsync(runner.Id);

        await http.Create($"/runners/{runner.Id}/runs", Scenarios.Run("2026-11-27T07:10:00+01:00"));
    }

    [Fact]
    public async Task a_runner_with_nothing_stored_is_still_not_found()
    {
        (await api.Runner("runner-erase-nobody").DataRights.EraseAsync()).IsProblem(HttpStatusCode.NotFound);
    }
}
