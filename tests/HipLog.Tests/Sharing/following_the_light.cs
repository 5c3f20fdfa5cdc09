using System.Net;
using HipLog.Api.Sharing;
using HipLog.Domain.Sharing;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Sharing;

/// <summary>
/// The traffic light is read from a small document kept with each pain report (not from the reports themselves): through the
/// real Api, it follows a correction, a retraction and a new time zone at once, and still finds a quiet runner's last report.
/// </summary>
public sealed class following_the_light(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    private static async Task<StatusResponse> StatusOf(RunnerClient runner) =>
        (await runner.GetAsync($"{runner.Path}/status")).Is<StatusResponse>(HttpStatusCode.OK);

    [Fact]
    public async Task a_correction_and_a_retraction_change_the_light_at_once()
    {
        var runner = await api.RunnerInBerlinAsync("light-changes");
        var report = await runner.Pain.CreateAsync(Sample.Pain("2026-11-25T19:00:00+01:00", 7));
        (await StatusOf(runner)).Light.ShouldBe(Light.Red);

        await runner.Pain.CorrectAsync(report.Id, Sample.Pain("2026-11-25T19:00:00+01:00", 2));
        var corrected = await StatusOf(runner);
        (corrected.Light, corrected.LastReportAt).ShouldBe((Light.Green, DateTimeOffset.Parse("2026-11-25T19:00:00+01:00")));

        (await runner.Pain.RetractAsync(report.Id)).IsEmpty(HttpStatusCode.NoContent);
        var retracted = await StatusOf(runner);
        (retracted.Light, retracted.LastReportAt).ShouldBe((Light.Grey, null));
    }

    [Fact]
    public async Task a_new_zone_puts_the_reports_on_its_own_days()
    {
        // 20:30 UTC on the 23rd is past the 3 days up to the 26th in UTC, and on the 24th in Tokyo: inside them.
        var runner = api.Runner("light-zones");
        await runner.Profiles.SetAsync(Sample.Profile("Ana", "UTC"));
        await runner.Pain.CreateAsync(Sample.Pain("2026-11-23T20:30:00+00:00", 6));
        (await StatusOf(runner)).Light.ShouldBe(Light.Green);

        await runner.Profiles.SetAsync(Sample.Profile("Ana", "Asia/Tokyo"));

        (await StatusOf(runner)).Reasons.ShouldBe(["Pain of 6/10 on 2026-11-24, above 5."]);
    }

    [Fact]
    public async Task retracting_the_newest_report_finds_the_last_one_before_the_weeks_kept()
    {
        var runner = await api.RunnerInBerlinAsync("light-quiet");
        await runner.Pain.CreateAsync(Sample.Pain("2026-08-03T07:00:00+02:00", 8));
        var newest = await runner.Pain.CreateAsync(Sample.Pain("2026-11-25T19:00:00+01:00", 2));
        (await StatusOf(runner)).Light.ShouldBe(Light.Green);

        (await runner.Pain.RetractAsync(newest.Id)).IsEmpty(HttpStatusCode.NoContent);

        var status = await StatusOf(runner);
        (status.Light, status.LastReportAt).ShouldBe((Light.Grey, DateTimeOffset.Parse("2026-08-03T07:00:00+02:00")));
    }
}
