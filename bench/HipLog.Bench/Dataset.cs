using HipLog.Domain.Pain;
using HipLog.Domain.Profiles;
using HipLog.Domain.Runs;

namespace HipLog.Bench;

/// <summary>One seeded runner: whose stream, in which zone, and which local days their log covers.</summary>
public sealed record RunnerPlan(string Id, string TimeZone, DateOnly FirstDay, DateOnly LastDay, int Seed)
{
    public int Days => LastDay.DayNumber - FirstDay.DayNumber + 1;
}

/// <summary>
/// The benchmark's data set, fully deterministic: the same options give the same runners, ids, times and scores,
/// so the seed can be resumed and the measurement can recompute each runner's last day without reading it back.
/// </summary>
public static class Dataset
{
    public const string Prefix = "bench-";
    public const string LongRunnerId = "bench-3y";
    public const string LongRunnerZone = "Europe/Berlin";

    /// <summary>The local day the 3-year runner's log ends on unless told otherwise.</summary>
    public static readonly DateOnly DefaultLastDay = new(2026, 11, 25);

    // Mostly Berlin, as the brief's runner; a few neighbours and one zone far west, so days and DST differ.
    private static readonly string[] Zones =
    [
        "Europe/Berlin", "Europe/Berlin", "Europe/Berlin", "Europe/Berlin", "Europe/Berlin", "Europe/Berlin",
        "Europe/Vienna", "Europe/Zurich", "Europe/Amsterdam", "Europe/London", "Europe/Madrid", "America/New_York",
    ];

    private static readonly string[] Routes =
        ["Riverside loop", "Park laps", "Forest trail", "Canal towpath", "Hill repeats", "Track session", "Old town", "Lakeside"];

    private static readonly string[] Shoes = ["Pegasus 41", "Ghost 16", "Clifton 9", "Speedgoat 6", "Novablast 4"];

    private static readonly string[] RunNotes =
        ["Hip tight on the downhills", "Felt easy", "Windy", "Stopped to stretch at 5 km", "Legs heavy", "Strides at the end"];

    private static readonly string[] PainNotes =
        ["Sore when lifting the knee", "Clicks on stairs", "Eased after 2 km", "Worse after sitting", "Tender to touch"];

    public static string RunnerId(int index) => $"{Prefix}r{index:D4}";

    public static RunnerPlan LongRunner(DateOnly lastDay) =>
        new(LongRunnerId, LongRunnerZone, lastDay.AddYears(-3).AddDays(1), lastDay, 3_000_003);

    /// <summary>Runner 1..n: one year each, ending up to 29 days before <paramref name="lastDay"/>.</summary>
    public static RunnerPlan YearRunner(int index, DateOnly lastDay)
    {
        var end = lastDay.AddDays(-(index * 7919 % 30));
        var zone = Zones[new Random(index).Next(Zones.Length)];
        return new RunnerPlan(RunnerId(index), zone, end.AddYears(-1).AddDays(1), end, 1_000_000 + index);
    }

    public static IReadOnlyList<RunnerPlan> All(int runners, DateOnly lastDay) =>
        [LongRunner(lastDay), .. Enumerable.Range(1, runners).Select(i => YearRunner(i, lastDay))];

    /// <summary>
    /// A runner's history as the Api would have appended it: registration, then a run every day and a pain report
    /// after it, with a next-morning report on about a third of the days; ordered by when each happened.
    /// </summary>
    public static object[] Events(RunnerPlan plan)
    {
        var rng = new Random(plan.Seed);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(plan.TimeZone);
        var timed = new List<(DateTimeOffset At, object Event)>(plan.Days * 3);

        var habits = new Habits(
            Pick(rng, [PainLocation.FrontHip, PainLocation.FrontHip, PainLocation.FrontHip, PainLocation.OuterHip,
                PainLocation.OuterHip, PainLocation.Groin, PainLocation.Groin, PainLocation.Buttock, PainLocation.LowerBack]),
            Pick(rng, [PainLocation.Groin, PainLocation.OuterHip, PainLocation.Hamstring, PainLocation.Knee, PainLocation.Buttock]),
            Pick(rng, [BodySide.Left, BodySide.Left, BodySide.Right, BodySide.Right, BodySide.Both]),
            rng.NextDouble() < 0.6, Pick(rng, Shoes));
        var baseline = 1 + rng.NextDouble() * 3;
        habits = habits with { EasyPace = 300 + rng.Next(90) }; // seconds per km

        var registeredAt = At(plan.FirstDay.AddDays(-1), new TimeOnly(20, rng.Next(60)), zone);
        timed.Add((registeredAt, new RunnerRegistered(plan.Id, $"Runner {plan.Id[Prefix.Length..]}", plan.TimeZone,
            new TimeOnly(7, 30), rng.NextDouble() < 0.5 ? new QuietHours(new TimeOnly(22, 0), new TimeOnly(7, 0)) : null, null,
                registeredAt)));

        for (var day = plan.FirstDay; day <= plan.LastDay; day = day.AddDays(1))
        {
            // Pain drifts back towards a mild level, with the odd flare-up after a hard week.
            baseline += (2.2 - baseline) * 0.05 + (rng.NextDouble() - 0.5) * 0.8;
            if (rng.NextDouble() < 0.012)
                baseline += 2.5 + rng.NextDouble() * 2;
            baseline = Math.Clamp(baseline, 0, 8);
            AddDay(plan, rng, zone, habits, baseline, day, timed);
        }

        return timed.OrderBy(t => t.At).Select(t => t.Event).ToArray();
    }

    /// <summary>What stays the same for a runner: where it usually hurts, on which side, when they run, their shoes, their easy
    /// pace in seconds per km.</summary>
    private sealed record Habits(PainLocation Primary, PainLocation Secondary, BodySide Side, bool MorningRunner, string Shoes,
        int EasyPace = 0);

    /// <summary>One day: a run, a pain report after it, and on about a third of the days a report the next morning.</summary>
    private static void AddDay(RunnerPlan plan, Random rng, TimeZoneInfo zone, Habits habits, double baseline, DateOnly day,
        List<(DateTimeOffset At, object Event)> timed)
    {
        var isLong = day.DayOfWeek == DayOfWeek.Sunday;
        var isHard = day.DayOfWeek is DayOfWeek.Tuesday or DayOfWeek.Thursday;
        var distance = Math.Round(isLong ? 16 + rng.NextDouble() * 12 : isHard ? 8 + rng.NextDouble() * 6 : 5
            + rng.NextDouble() * 6, 2);
        var pace = habits.EasyPace + (isHard ? -45 : isLong ? 15 : 0) + rng.Next(-15, 16);
        var duration = (int)(distance * pace);
        var effort = Math.Clamp((isHard ? 7 : isLong ? 6 : 3) + rng.Next(0, 3), 1, 10);
        var startLocal = habits.MorningRunner && !isLong || isLong && rng.NextDouble() < 0.8
            ? new TimeOnly(6, 0).AddMinutes(rng.Next(150))
            : new TimeOnly(17, 30).AddMinutes(rng.Next(150));
        var started = At(day, startLocal, zone);
        var runId = NewGuid(rng);
        var surface = isHard && rng.NextDouble() < 0.5 ? Surface.Track
            : Pick(rng, [Surface.Road, Surface.Road, Surface.Trail, Surface.Grass, Surface.Treadmill]);
        timed.Add((started, new RunLogged(plan.Id, runId, new RunDetails(distance, duration, effort, surface,
            Pick(rng, Routes), habits.Shoes, rng.NextDouble() < 0.1 ? Pick(rng, RunNotes) : null, started))));

        var score = Score(rng, baseline + (effort - 5) * 0.3);
        var reportedAt = started.AddSeconds(duration).AddMinutes(5 + rng.Next(85));
        timed.Add((reportedAt, Pain(plan, rng, score, rng.NextDouble() < 0.85 ? habits.Primary : habits.Secondary, Side(rng, habits.Side),
            rng.NextDouble() < 0.2 ? PainTiming.DuringRun : PainTiming.AfterRun, runId, reportedAt)));

        if (day < plan.LastDay && rng.NextDouble() < 0.35)
        {
            var nextMorning = At(day.AddDays(1), new TimeOnly(6, 30).AddMinutes(rng.Next(90)), zone);
            timed.Add((nextMorning, Pain(plan, rng, Score(rng, baseline - 0.5), habits.Primary, Side(rng, habits.Side),
                PainTiming.NextMorning, null, nextMorning)));
        }
    }

    private static PainReported Pain(RunnerPlan plan, Random rng, int score, PainLocation location, BodySide side,
        PainTiming timing, Guid? runId, DateTimeOffset at)
    {
        var character = timing == PainTiming.NextMorning ? PainCharacter.Stiffness
            : score >= 6 && rng.NextDouble() < 0.4 ? PainCharacter.Sharp
            : Pick(rng, [PainCharacter.Ache, PainCharacter.Ache, PainCharacter.Stiffness, PainCharacter.Burning]);
        var redFlags = score >= 7 && rng.NextDouble() < 0.3 ? new RedFlags(false, true, false, false) : RedFlags.None;
        return new PainReported(plan.Id, NewGuid(rng), new PainDetails(score, location, side, timing, character, runId, redFlags,
            rng.NextDouble() < 0.08 ? Pick(rng, PainNotes) : null, at));
    }

    private static int Score(Random rng, double mean) => Math.Clamp((int)Math.Round(mean + (rng.NextDouble() - 0.5) * 3), 0, 10);

    private static BodySide Side(Random rng, BodySide usual) =>
        rng.NextDouble() < 0.9 ? usual : usual == BodySide.Left ? BodySide.Right : BodySide.Left;

    /// <summary>A local time in the runner's zone, with the offset that zone has then (DST aware).</summary>
    private static DateTimeOffset At(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static T Pick<T>(Random rng, T[] items) => items[rng.Next(items.Length)];

    private static Guid NewGuid(Random rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        bytes[7] = (byte)(bytes[7] & 0x0F | 0x40);
        bytes[8] = (byte)(bytes[8] & 0x3F | 0x80);
        return new Guid(bytes);
    }
}
