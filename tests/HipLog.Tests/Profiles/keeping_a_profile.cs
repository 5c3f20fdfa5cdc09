using System.Net;
using HipLog.Domain.Profiles;
using HipLog.Tests.Support;

namespace HipLog.Tests.Profiles;

public sealed class keeping_a_profile(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task the_first_put_registers_the_runner_and_later_ones_update_only_on_change()
    {
        var client = api.ClientFor("runner-profile");
        var profile = new { displayName = "Mia", timeZone = "America/New_York", reminderTime = "06:45", quietHours = new { start = "22:00",
            end = "06:00" } };

        var created = await (await client.PutJson("/runners/runner-profile/profile", profile)).ShouldBeJson(HttpStatusCode.Created);
        created["id"]!.GetValue<string>().ShouldBe("runner-profile");
        created["reminderTime"]!.GetValue<string>().ShouldBe("06:45");
        created["quietHours"]!["start"]!.GetValue<string>().ShouldBe("22:00");

        (await client.PutJson("/runners/runner-profile/profile", profile)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var changed = await (await client.PutJson("/runners/runner-profile/profile", profile with { displayName = "Mia K." }))
            .ShouldBeJson(HttpStatusCode.OK);
        changed["displayName"]!.GetValue<string>().ShouldBe("Mia K.");

        var read = await (await client.GetAsync("/runners/runner-profile/profile")).ShouldBeJson(HttpStatusCode.OK);
        read["displayName"]!.GetValue<string>().ShouldBe("Mia K.");
        read["timeZone"]!.GetValue<string>().ShouldBe("America/New_York");

        await using var session = api.Store.QuerySession();
        var events = await session.Events.FetchStreamAsync("runner-profile");
        events.Select(e => e.EventType).ShouldBe([typeof(RunnerRegistered), typeof(RunnerProfileUpdated)]);
    }

    [Fact]
    public async Task the_reminder_defaults_to_half_past_seven()
    {
        var client = api.ClientFor("runner-default");

        var created = await (await client.PutJson("/runners/runner-default/profile", new { displayName = "Lee", timeZone = "Asia/Tokyo" }))
            .ShouldBeJson(HttpStatusCode.Created);

        created["reminderTime"]!.GetValue<string>().ShouldBe("07:30");
        created["quietHours"].ShouldBeNull();
    }

    [Fact]
    public async Task an_unknown_zone_a_blank_name_and_a_bad_webhook_are_named_together()
    {
        var client = api.ClientFor("runner-bad-profile");

        var problem = await (await client.PutJson("/runners/runner-bad-profile/profile",
            new { displayName = " ", timeZone = "Mars/Olympus", webhookUrl = "ftp://example.org", quietHours = new { start = "22:00" } }))
                .ShouldBeProblem(HttpStatusCode.BadRequest);

        problem.ErrorFields().ShouldBe(["displayName", "quietHours.end", "timeZone", "webhookUrl"]);
        await (await client.GetAsync("/runners/runner-bad-profile/profile")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_malformed_reminder_time_is_a_400()
    {
        var client = api.ClientFor("runner-bad-time");

        var problem = await (await client.PutJson("/runners/runner-bad-time/profile", new { displayName = "Jo", timeZone = "UTC",
            reminderTime = "7.30am" }))
            .ShouldBeProblem(HttpStatusCode.BadRequest);

        problem["detail"]!.GetValue<string>().ShouldContain("HH:mm");
    }
}
