using HipLog.Domain.Runs;
using static HipLog.Tests.Imports.ActivityFileSamples;

namespace HipLog.Tests.Imports;

/// <summary>When an imported run is one already logged: a start in the same second, and a distance within one percent.</summary>
public sealed class recognising_the_same_activity
{
    [Fact]
    public void the_same_activity_is_the_same_instant_with_a_distance_within_one_percent()
    {
        RunLog.IsSameActivity(TenKm, TenKm with { DistanceKm = 10.09, StartedAt = Start.ToOffset(TimeSpan.FromHours(1)) }).ShouldBeTrue();
    }

    [Fact]
    public void a_distance_more_than_one_percent_off_is_another_activity()
    {
        RunLog.IsSameActivity(TenKm, TenKm with { DistanceKm = 10.2 }).ShouldBeFalse();
    }

    [Fact]
    public void a_start_a_second_off_is_another_activity()
    {
        RunLog.IsSameActivity(TenKm, TenKm with { StartedAt = Start.AddSeconds(1) }).ShouldBeFalse();
    }

    [Fact]
    public void a_start_with_the_fraction_of_a_second_a_fit_file_has_not_is_the_same_second()
    {
        RunLog.IsSameActivity(TenKm with { StartedAt = Start.AddMilliseconds(400) }, TenKm).ShouldBeTrue();
    }

    private static readonly RunDetails TenKm = new(10, 3000, null, null, null, null, null, Start);
}
