using HipLog.Domain.Pain;
using HipLog.Domain.Profiles;
using HipLog.Domain.Trends;

namespace HipLog.Tests.Trends;

public sealed class pain_trend_arithmetic
{
    private const string Runner = "runner-1";

    private static PainDetails Report(string reportedAt, int score, PainLocation location = PainLocation.FrontHip,
        BodySide side = BodySide.Left) =>
        new(score, location, side, PainTiming.AfterRun, PainCharacter.Ache, null, RedFlags.None, null, DateTimeOffset.Parse(reportedAt));

    /// <summary>The reports standing after the events, on their local days in the runner's zone, and the figures made of them.</summary>
    private sealed record Trend(IReadOnlyList<PainEntry> Reports, PainTrendFigures Figures);

    private static Trend Apply(params object[] events)
    {
        var zone = TimeZoneInfo.Utc;
        var standing = new Dictionary<Guid, PainDetails>();
        foreach (var data in events)
        {
            switch (data)
            {
                case RunnerRegistered r: zone = TimeZoneInfo.FindSystemTimeZoneById(r.TimeZone); break;
                case RunnerProfileUpdated u: zone = TimeZoneInfo.FindSystemTimeZoneById(u.TimeZone); break;
                case PainReported e: standing[e.ReportId] = e.Report; break;
                case PainReportCorrected e when standing.ContainsKey(e.ReportId): standing[e.ReportId] = e.Report; break;
                case PainReportRetracted e: standing.Remove(e.ReportId); break;
            }
        }

        var reports = standing.Select(s => PainEntry.From(s.Key, s.Value, zone)).ToList();
        return new Trend(reports, PainTrendCalculator.Compute(reports));
    }

    private static RunnerRegistered InBerlin()
        => new(Runner, "Ana", "Europe/Berlin", new TimeOnly(7, 30), null, null, DateTimeOffset.UnixEpoch);

    [Fact]
    public void a_report_at_half_past_eleven_at_night_stays_on_its_local_day_across_both_dst_changes()
    {
        var spring = Guid.NewGuid();
        var autumn = Guid.NewGuid();

        var trend = Apply(InBerlin(),
            // 23:30 on the day clocks go forward (+02:00 from 03:00) and on the day they go back (+01:00 from 03:00).
            new PainReported(Runner, spring, Report("2026-03-29T21:30:00Z", 5)),
            new PainReported(Runner, autumn, Report("2026-10-25T22:30:00Z", 6)));

        trend.Reports.Single(r => r.ReportId == spring).Day.ShouldBe(new DateOnly(2026, 3, 29));
        trend.Reports.Single(r => r.ReportId == autumn).Day.ShouldBe(new DateOnly(2026, 10, 25));
        trend.Figures.Days.Select(d => d.Period).ShouldBe(["2026-03-29", "2026-10-25"]);
        trend.Figures.Weeks.Select(w => w.Period).ShouldBe(["2026-W13", "2026-W43"]);
    }

    [Fact]
    public void a_correction_moves_a_report_to_another_day_as_if_it_had_always_been_there()
    {
        var id = Guid.NewGuid();

        var trend = Apply(InBerlin(),
            new PainReported(Runner, id, Report("2026-11-10T23:30:00+01:00", 7)),
            new PainReported(Runner, Guid.NewGuid(), Report("2026-11-11T08:00:00+01:00", 3)),
            new PainReportCorrected(Runner, id, Report("2026-11-11T00:30:00+01:00", 5), DateTimeOffset.UnixEpoch));

        var day = trend.Figures.Days.Single();
        (day.Period, day.Count, day.Mean, day.Max).ShouldBe(("2026-11-11", 2, 4.0, 5));
    }

    [Fact]
    public void a_retraction_removes_the_report_from_every_figure()
    {
        var id = Guid.NewGuid();

        var trend = Apply(InBerlin(),
            new PainReported(Runner, Guid.NewGuid(), Report("2026-11-10T08:00:00+01:00", 2)),
            new PainReported(Runner, id, Report("2026-11-10T20:00:00+01:00", 9)),
            new PainReportRetracted(Runner, id, DateTimeOffset.UnixEpoch));

        trend.Figures.DailyOverall.Single().ShouldBe(new PainPeriod("2026-11-10", new DateOnly(2026, 11, 10), 1, 2, 2, 2, 2, null));
        trend.Figures.Latest!.Score.ShouldBe(2);
    }

    /// <summary>Three front-hip reports on one day (two on the left, one on the right) and one at the outer hip two days later.</summary>
    private static Trend FourReports() => Apply(InBerlin(),
        new PainReported(Runner, Guid.NewGuid(), Report("2026-11-10T08:00:00+01:00", 3)),
        new PainReported(Runner, Guid.NewGuid(), Report("2026-11-10T20:00:00+01:00", 6)),
        new PainReported(Runner, Guid.NewGuid(), Report("2026-11-10T20:00:00+01:00", 4, PainLocation.FrontHip, BodySide.Right)),
        new PainReported(Runner, Guid.NewGuid(), Report("2026-11-12T09:00:00+01:00", 2, PainLocation.OuterHip)));

    [Fact]
    public void daily_buckets_are_per_location_and_side_with_count_mean_and_max()
    {
        FourReports().Figures.Days.Select(d => (d.Period, d.Location, d.Side, d.Count, d.Mean, d.Max)).ShouldBe(
        [
            ("2026-11-10", PainLocation.FrontHip, BodySide.Left, 2, 4.5, 6),
            ("2026-11-10", PainLocation.FrontHip, BodySide.Right, 1, 4.0, 4),
            ("2026-11-12", PainLocation.OuterHip, BodySide.Left, 1, 2.0, 2),
        ]);
    }

    [Fact]
    public void a_weekly_bucket_overall_counts_every_place()
    {
        var week = FourReports().Figures.WeeklyOverall.Single();

        (week.Period, week.Start, week.Count, week.Mean, week.Max).ShouldBe(("2026-W46", new DateOnly(2026, 11, 9), 4, 3.75, 6));
    }

    private static readonly DateOnly RollingDay = new(2026, 11, 30);

    private static readonly Dictionary<DateOnly, List<int>> RollingScores = new()
    {
        [RollingDay] = [6], [RollingDay.AddDays(-6)] = [4],               // inside the 7 days
        [RollingDay.AddDays(-7)] = [2], [RollingDay.AddDays(-34)] = [3],   // the edges of the 28 before
        [RollingDay.AddDays(-35)] = [10],                                  // outside both
    };

    [Fact]
    public void rolling_means_take_the_last_7_days_against_the_28_before_them()
    {
        PainTrendCalculator.RollingMeans(RollingScores, RollingDay).ShouldBe((5.0, 2.5));
    }

    [Fact]
    public void rolling_means_without_reports_in_their_days_are_none()
    {
        PainTrendCalculator.RollingMeans(RollingScores, RollingDay.AddDays(40)).ShouldBe((null, null));
    }

    [Fact]
    public void changing_the_time_zone_moves_reports_to_their_new_local_days()
    {
        var trend = Apply(InBerlin(),
            new PainReported(Runner, Guid.NewGuid(), Report("2026-11-10T23:30:00+01:00", 4)),
            new RunnerProfileUpdated(Runner, "Ana", "America/New_York", new TimeOnly(7, 30), null, null, DateTimeOffset.UnixEpoch));

        trend.Reports.Single().Day.ShouldBe(new DateOnly(2026, 11, 10));
        trend.Figures.Days.Single().Period.ShouldBe("2026-11-10");

        var tokyo = Apply(InBerlin(), new PainReported(Runner, Guid.NewGuid(), Report("2026-11-10T23:30:00+01:00", 4)),
            new RunnerProfileUpdated(Runner, "Ana", "Asia/Tokyo", new TimeOnly(7, 30), null, null, DateTimeOffset.UnixEpoch));
        tokyo.Figures.Days.Single().Period.ShouldBe("2026-11-11");
    }

    [Fact]
    public void iso_weeks_cross_the_year_boundary()
    {
        var trend = Apply(InBerlin(),
            new PainReported(Runner, Guid.NewGuid(), Report("2026-12-31T10:00:00+01:00", 4)),
            new PainReported(Runner, Guid.NewGuid(), Report("2027-01-04T10:00:00+01:00", 4)),
            new PainReported(Runner, Guid.NewGuid(), Report("2027-01-03T10:00:00+01:00", 4)));

        trend.Figures.WeeklyOverall.Select(w => (w.Period, w.Count)).ShouldBe([("2026-W53", 2), ("2027-W01", 1)]);
    }
}
