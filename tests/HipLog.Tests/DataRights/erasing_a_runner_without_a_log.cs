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
    public async Task a_runner_with_nothing_stored_is_still_not_found()
    {
        (await api.Runner("runner-erase-nobody").DataRights.EraseAsync()).IsProblem(HttpStatusCode.NotFound);
    }
}
