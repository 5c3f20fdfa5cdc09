using System.Net;
using HipLog.Api.Profiles;
using HipLog.Domain.Profiles;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Profiles;

public sealed class keeping_a_profile(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly ProfileRequest Mia = new("Mia", "America/New_York", new TimeOnly(6, 45),
        new QuietHoursRequest(new TimeOnly(22, 0), new TimeOnly(6, 0)));

    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task the_first_profile_registers_the_runner_on_their_own_clock()
    {
        var runner = api.Runner("runner-profile");

        var answer = await runner.Profiles.PutAsync(Mia);

        var registeredAt = DateTimeOffset.Parse("2026-11-26T03:00:00-05:00");
        var profile = answer.Is<ProfileResponse>(HttpStatusCode.Created);
        (profile.RegisteredAt.OnTheirClock(), profile.UpdatedAt.OnTheirClock())
            .ShouldBe(("2026-11-26T03:00:00-05:00", "2026-11-26T03:00:00-05:00"));
        profile.ShouldBe(new ProfileResponse("runner-profile", "Mia", "America/New_York",
            new TimeOnly(6, 45), new QuietHours(new TimeOnly(22, 0), new TimeOnly(6, 0)), null, null, null, registeredAt, registeredAt));
    }

    [Fact]
    public async Task the_same_profile_again_is_a_200_that_records_nothing()
    {
        var runner = api.Runner("runner-profile-again");
        var first = await runner.Profiles.SetAsync(Mia);

        var again = await runner.Profiles.PutAsync(Mia);

        again.Is<ProfileResponse>(HttpStatusCode.OK).ShouldBe(first);
        (await runner.StoredEventTypesAsync()).ShouldBe([typeof(RunnerRegistered)]);
    }

    [Fact]
    public async Task a_changed_profile_is_an_update_read_back_as_changed()
    {
        var runner = api.Runner("runner-profile-change");
        var first = await runner.Profiles.SetAsync(Mia);

        var changed = (await runner.Profiles.PutAsync(Mia with { DisplayName = "Mia K." })).Is<ProfileResponse>(HttpStatusCode.OK);

        changed.ShouldBe(first with { DisplayName = "Mia K." });
        (await runner.Profiles.ReadAsync()).ShouldBe(changed);
        (await runner.StoredEventTypesAsync()).ShouldBe([typeof(RunnerRegistered), typeof(RunnerProfileUpdated)]);
    }

    [Fact]
    public async Task the_reminder_defaults_to_half_past_seven_without_quiet_hours()
    {
        var runner = api.Runner("runner-default");

        var profile = await runner.Profiles.SetAsync(new ProfileRequest("Lee", "Asia/Tokyo"));

        (profile.ReminderTime, profile.QuietHours).ShouldBe((new TimeOnly(7, 30), null));
    }

    [Fact]
    public async Task every_invalid_field_is_named_in_one_problem()
    {
        var runner = api.Runner("runner-bad-profile");

        var answer = await runner.Profiles.PutAsync(new ProfileRequest(" ", "Mars/Olympus", null,
            new QuietHoursRequest(new TimeOnly(22, 0), null),
            "ftp://example.org"));

        answer.IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe(["displayName", "quietHours.end", "timeZone", "webhookUrl"]);
    }

    [Fact]
    public async Task a_refused_first_profile_registers_no_one()
    {
        var runner = api.Runner("runner-bad-profile-kept");

        await runner.Profiles.PutAsync(new ProfileRequest("Jo", "Mars/Olympus"));

        (await runner.Profiles.GetAsync()).IsProblem(HttpStatusCode.NotFound);
        (await runner.StoredEventTypesAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_malformed_reminder_time_is_a_400_saying_how_to_write_it()
    {
        var runner = api.Runner("runner-bad-time");

        var answer = await runner.Profiles.PutAsync(Sample.Json(new ProfileRequest("Jo", "UTC"), "reminderTime", "7.30am"));

        answer.IsProblem(HttpStatusCode.BadRequest).Detail!.ShouldContain("HH:mm");
    }
}
