using System.Net;
using HipLog.Api.Sharing;
using HipLog.Domain.DataRights;
using HipLog.Domain.Watch;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using HipLog.Worker.DataRights;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace HipLog.Tests.DataRights;

[Collection(PainWatchCollection.Name)]
public sealed class erasing_a_runner
{
    private const string Runner = "erase-me-q7z3k";
    private const string Marker = "MARKER-hv82xw";

    [Fact]
    public async Task leaves_no_row_in_any_table_that_names_the_runner_or_holds_what_they_wrote()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var scenario = await WatchScenario.StartAsync("erasure", DateTimeOffset.Parse("2026-11-25T06:29:50Z"),
            settings: WatchScenario.LoopbackWebhooks);
        var client = scenario.Api.ClientFor(Runner);
        (await client.PutJson($"/runners/{Runner}/profile",
            new { displayName = $"Eve {Marker}", timeZone = "Europe/Berlin", webhookUrl = receiver.Url }))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        var feed = new Uri((await scenario.Api.Runner(Runner).CalendarFeed.CreateAsync()).Url!);
        (await scenario.Api.CreateClient().GetAsync(feed.AbsolutePath)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var run = await client.Create($"/runners/{Runner}/runs", Scenarios.Run("2026-11-25T06:30:00+01:00").With("notes", Marker));
        (await client.PutJson($"/runners/{Runner}/runs/{run}", Scenarios.Run("2026-11-25T06:30:00+01:00", 9.1)
            .With("notes", $"{Marker} corrected")))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        // An archive import, done: its status names the files, and its run is in the log.
        var import = await client.PostAsync($"/runners/{Runner}/imports", Archive());
        import.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var importId = Guid.Parse(import.Headers.Location!.ToString().Split('/')[^1]);
        (await scenario.Api.Runner(Runner).Imports.FinishedAsync(importId)).Imported.ShouldBe(1);
        client.DefaultRequestHeaders.Add("Idempotency-Key", $"{Marker}-key");
        await client.Create($"/runners/{Runner}/stretch-sessions", Scenarios.Session("2026-11-25T07:18:00+01:00").With("notes", Marker));
        client.DefaultRequestHeaders.Remove("Idempotency-Key");
        // A share a clinician accepted and read through: the share, its code's hash and its access log go too.
        var share = (await scenario.Api.Runner(Runner).PostAsync($"/runners/{Runner}/shares",
            new { label = $"physio {Marker}", scope = (string[])["entries"] })).Is<ShareResponse>(HttpStatusCode.Created);
        var lee = scenario.Api.Clinician("erase-dr-lee");
        await lee.PutAsync("/clinicians/erase-dr-lee/profile", new { displayName = "Dr Lee" });
        (await lee.PostAsync("/clinicians/erase-dr-lee/patients", new { code = share.Code })).Status.ShouldBe(HttpStatusCode.Created);
        (await lee.GetAsync($"/clinicians/erase-dr-lee/patients/{Runner}/runs")).Status.ShouldBe(HttpStatusCode.OK);

        // A red-flag answer: the clinician advisory goes out at once, to the inbox and the webhook.
        await client.Create($"/runners/{Runner}/pain-reports", Scenarios.Pain("2026-11-25T07:20:00+01:00", 3)
            .With("timing", "at-night").With("redFlags", new { painAtNight = true }).With("notes", Marker));
        await Eventually.Get(() => Task.FromResult(receiver.Received.Count >= 1 ? "posted" : null), "the advisory's webhook post");
        // A flare: its routine waits in Hangfire for the reminder time when the runner asks to be erased.
        await client.Create($"/runners/{Runner}/pain-reports", Scenarios.Pain("2026-11-25T07:25:00+01:00", 6).With("notes", Marker)
            .With("runId", run));
        var pending = await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Scheduled
            && r.DueAt > scenario.Clock.GetUtcNow(), "the routine");

        var erase = await client.DeleteAsync($"/runners/{Runner}");
        erase.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        erase.Headers.Location!.ToString().ShouldBe($"/runners/{Runner}/erasure");
        (await client.DeleteAsync($"/runners/{Runner}")).StatusCode.ShouldBeOneOf(HttpStatusCode.Accepted, HttpStatusCode.NoContent);
        var erasure = scenario.Api.Runner(Runner).DataRights;
        await Eventually.Get(async () => (await erasure.ReadErasureAsync()).Status == "done" ? "done" : null, "the erasure to finish");

        (await client.GetAsync($"/runners/{Runner}/profile")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var read in new[] { $"runs/{run}", "runs", "pain-reports", "stretch-sessions", "recommendations", "webhook-deliveries",
                     "timeline", "pain-trend?from=2026-11-01&to=2026-11-25", "training-load?from=2026-11-01&to=2026-11-25",
                         "stretch-effectiveness" })
            await (await client.GetAsync($"/runners/{Runner}/{read}")).ShouldBeProblem(HttpStatusCode.NotFound);
        (await client.DeleteAsync($"/runners/{Runner}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await scenario.Api.CreateClient().GetAsync(feed.AbsolutePath)).ShouldBeProblem(HttpStatusCode.NotFound);
        (await lee.GetAsync("/clinicians/erase-dr-lee/patients")).Is<List<PatientResponse>>(HttpStatusCode.OK).ShouldBeEmpty();
        (await lee.GetAsync($"/clinicians/erase-dr-lee/patients/{Runner}/runs")).IsProblem(HttpStatusCode.NotFound);

        // The routine that was waiting is never delivered: not to the inbox, not to the webhook.
        scenario.Clock.SetUtcNow(pending.DueAt!.Value.AddMinutes(1).ToUniversalTime());
        await Task.Delay(TimeSpan.FromSeconds(4));
        receiver.Received.Count.ShouldBe(1);

        (await TableScan.RowsHolding(scenario.Api.ConnectionString, Runner)).ShouldBeEmpty();
        (await TableScan.RowsHolding(scenario.Api.ConnectionString, Marker)).ShouldBeEmpty();

        // The same token can start again, with an empty log.
        (await client.PutJson($"/runners/{Runner}/profile", new { displayName = "Eve", timeZone = "Europe/Berlin" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.GetAsync($"/runners/{Runner}/runs/{run}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/runners/{Runner}/runs")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await scenario.Recommendations(Runner)).ShouldBeEmpty();
    }

    [Fact]
    public async Task an_erasure_whose_job_was_lost_while_no_worker_ran_is_finished_by_the_sweep()
    {
        await using var scenario = await WatchScenario.StartAsync("erasuresweep", DateTimeOffset.Parse("2026-11-25T06:00:00Z"), workers: 0);
        var client = scenario.Api.ClientFor("swept-runner");
        await client.Create("/runners/swept-runner/runs", Scenarios.Run().With("notes", Marker));
        // An archive no Worker has read yet: stored, queued.
        (await client.PostAsync("/runners/swept-runner/imports", Archive())).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        // The request is stored, as the Api stores it, but no Worker hears of it: as if the Api died before anyone did.
        await using (var session = scenario.Api.Store.LightweightSession())
        {
            session.Store(new ErasureRequest(new ErasureKeys(TestHosts.ErasureSecret).For("swept-runner"), "swept-runner",
                ErasureStatus.Pending,
                scenario.Clock.GetUtcNow(), null));
            await session.SaveChangesAsync();
        }

        await (await client.GetAsync("/runners/swept-runner/runs")).ShouldBeProblem(HttpStatusCode.NotFound);
        scenario.Clock.Advance(TimeSpan.FromMinutes(2));
        var worker = await scenario.StartWorkerAsync();
        await worker.Services.GetRequiredService<ResumeErasures>().RunAsync();

        var swept = scenario.Api.Runner("swept-runner").DataRights;
        await Eventually.Get(async () => (await swept.ReadErasureAsync()).Status == "done" ? "done" : null,
            "the sweep to finish the erasure");
        (await TableScan.RowsHolding(scenario.Api.ConnectionString, "swept-runner")).ShouldBeEmpty();
        (await TableScan.RowsHolding(scenario.Api.ConnectionString, Marker)).ShouldBeEmpty();
    }

    [Fact]
    public async Task of_a_runner_who_never_wrote_anything_is_a_404()
    {
        await using var scenario = await WatchScenario.StartAsync("erasurenone", DateTimeOffset.Parse("2026-11-25T06:00:00Z"), workers: 0);
        var client = scenario.Api.ClientFor("nobody-here");
        await (await client.DeleteAsync("/runners/nobody-here")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await client.GetAsync("/runners/nobody-here/erasure")).ShouldBeProblem(HttpStatusCode.NotFound);
        await (await scenario.Api.ClientFor("someone-else").DeleteAsync("/runners/nobody-here")).ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    /// <summary>A ZIP with one run and one file that fails, both named with the marker.</summary>
    private static ByteArrayContent Archive()
    {
        var gpx = Tracks.Gpx(new DateTimeOffset(2026, 11, 20, 6, 0, 0, TimeSpan.Zero), Tracks.Meridian(61, 0.0001), Marker);
        var content = new ByteArrayContent(Tracks.Zip([($"{Marker}/run.gpx", Tracks.Utf8(gpx)),
            ($"{Marker}/broken.gpx", Tracks.Utf8("<gpx>"))]));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/zip");
        return content;
    }
}
