using HipLog.Domain.Profiles;
using HipLog.Domain.Time;

namespace HipLog.Tests.Time;

public sealed class local_calendar
{
    private static readonly TimeZoneInfo Berlin = LocalCalendar.FindZone("Europe/Berlin")!;
    private static readonly TimeZoneInfo Santiago = LocalCalendar.FindZone("America/Santiago")!;

    [Fact]
    public void a_day_starts_at_local_midnight_with_that_days_offset()
    {
        LocalCalendar.StartOfDay(new DateOnly(2026, 3, 29), Berlin)
            .ShouldBe(new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.FromHours(1)));
        LocalCalendar.StartOfDay(new DateOnly(2026, 3, 30), Berlin)
            .ShouldBe(new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.FromHours(2)));
    }

    [Fact]
    public void where_midnight_does_not_exist_the_day_starts_when_the_clocks_jump()
    {
        // Chile springs forward at local midnight: 2026-09-06 00:00 does not exist and the day begins at 01:00 (-03:00).
        var start = LocalCalendar.StartOfDay(new DateOnly(2026, 9, 6), Santiago);

        start.ShouldBe(new DateTimeOffset(2026, 9, 6, 1, 0, 0, TimeSpan.FromHours(-3)));
        LocalCalendar.LocalDay(start, Santiago).ShouldBe(new DateOnly(2026, 9, 6));
        LocalCalendar.LocalDay(start.AddTicks(-1), Santiago).ShouldBe(new DateOnly(2026, 9, 5));
    }

    [Fact]
    public void a_late_evening_instant_belongs_to_the_local_day()
    {
        var lateOnSaturday = new DateTimeOffset(2026, 10, 24, 21, 30, 0, TimeSpan.Zero); // 23:30 in Berlin, summer time

        LocalCalendar.LocalDay(lateOnSaturday, Berlin).ShouldBe(new DateOnly(2026, 10, 24));
        LocalCalendar.LocalDay(lateOnSaturday, TimeZoneInfo.Utc).ShouldBe(new DateOnly(2026, 10, 24));
        LocalCalendar.LocalDay(lateOnSaturday.AddHours(1), Berlin).ShouldBe(new DateOnly(2026, 10, 25));
    }

    [Theory]
    [InlineData("Europe/Berlin", true)]
    [InlineData("UTC", true)]
    [InlineData("Mars/Olympus", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void only_iana_zones_are_found(string? id, bool found) => (LocalCalendar.FindZone(id) is not null).ShouldBe(found);

    [Theory]
    [InlineData("runner-1", true)]
    [InlineData("auth0|5f3a9c", true)]
    [InlineData("b8a1c1de-1f0e-4c4a-9d5e-0c7f1f5e2a10", true)]
    [InlineData("", false)]
    [InlineData("a b", false)]
    [InlineData("a/b", false)]
    [InlineData("ü", false)]
    public void runner_ids_are_url_safe_subjects(string id, bool valid) => RunnerId.IsValid(id).ShouldBe(valid);

    [Fact]
    public void runner_ids_are_bounded_in_length()
    {
        RunnerId.IsValid(new string('a', RunnerId.MaxLength)).ShouldBeTrue();
        RunnerId.IsValid(new string('a', RunnerId.MaxLength + 1)).ShouldBeFalse();
    }
}
