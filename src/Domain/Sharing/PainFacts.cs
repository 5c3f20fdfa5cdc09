using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using HipLog.Domain.Pain;
using HipLog.Domain.Watch;

namespace HipLog.Domain.Sharing;

/// <summary>A local day's highest score.</summary>
public sealed record DayScore(DateOnly Day, int Score);

/// <summary>One place's reports per local day, the newest day first: how many, and the sum of their scores.</summary>
public sealed record PlaceDays(
    PainLocation Location,
    [property: JsonConverter(typeof(DayFigures))] IReadOnlyList<int> Counts,
    [property: JsonConverter(typeof(DayFigures))] IReadOnlyList<int> Totals);

/// <summary>
/// What the traffic light reads of a runner's pain, by local day: the <see cref="DaysKept"/> days ending on
/// <see cref="LastDay"/> (index 0 of every list), each day's highest score (−1 without a report), each place's count and
/// total, the days whose morning pain was higher than after the run the day before, and the days with a red-flag answer.
/// A document of its own, under a kilobyte whatever the history, so that a clinician's list of 200 patients reads 200 of these,
/// not thousands of reports (nor the reports they were figured from, in <see cref="RecentPain"/>).
/// </summary>
/// <param name="Id">The runner's id.</param>
/// <param name="LatestAt">The newest report these days were figured from.</param>
public sealed record PainFacts(string Id, DateOnly LastDay, DateTimeOffset? LatestAt,
    [property: JsonConverter(typeof(DayFigures))] IReadOnlyList<int> Highest,
    IReadOnlyList<PlaceDays> Places, IReadOnlyList<DateOnly> Unsettled, IReadOnlyList<DateOnly> RedFlags)
{
    /// <summary>
    /// The light reads the 35 days up to today, and today is at most a day before the newest report's (a report may be dated
    /// up to 24 hours ahead): a day more than it reads covers it.
    /// </summary>
    public const int DaysKept = PainLight.DaysRead + 1;

    public static PainFacts None(string runnerId) => new(runnerId, DateOnly.MinValue, null, [], [], [], []);

    public static PainFacts Of(string runnerId, IReadOnlyList<LightReport> reports)
    {
        if (reports.Count == 0)
            return None(runnerId);
        var last = reports.Max(r => r.Day);
        var kept = reports.Where(r => r.Day > last.AddDays(-DaysKept)).ToList();
        int Index(DateOnly day) => last.DayNumber - day.DayNumber;

        var highest = Enumerable.Repeat(-1, DaysKept).ToArray();
        foreach (var r in kept)
            highest[Index(r.Day)] = Math.Max(highest[Index(r.Day)], r.Score);
        var places = kept.GroupBy(r => r.Location).OrderBy(g => g.Key).Select(place =>
        {
            var (counts, totals) = (new int[DaysKept], new int[DaysKept]);
            foreach (var r in place)
            {
                counts[Index(r.Day)]++;
                totals[Index(r.Day)] += r.Score;
            }

            return new PlaceDays(place.Key, counts, totals);
        }).ToList();
        var unsettled = kept.Where(r => PainRules.IsNotSettling(r, kept)).Select(r => r.Day).Distinct().Order().ToList();
        var flags = kept.Where(r => r.RedFlag).Select(r => r.Day).Distinct().Order().ToList();
        return new PainFacts(runnerId, last, reports.Max(r => r.At), highest, places, unsettled, flags);
    }

    /// <summary>The days from <paramref name="last"/> back to <paramref name="first"/> with reports, and their highest score.</summary>
    public IEnumerable<DayScore> HighestBetween(DateOnly first, DateOnly last)
    {
        for (var day = last; day >= first; day = day.AddDays(-1))
            if (At(Highest, day) is > -1 and var score)
                yield return new DayScore(day, score);
    }

    /// <summary>How many reports of a place fall from <paramref name="first"/> to <paramref name="last"/>, and their total score.</summary>
    public (int Count, int Total) Between(PlaceDays place, DateOnly first, DateOnly last)
    {
        var (count, total) = (0, 0);
        for (var day = last; day >= first; day = day.AddDays(-1))
        {
            count += Math.Max(0, At(place.Counts, day));
            total += Math.Max(0, At(place.Totals, day));
        }

        return (count, total);
    }

    private int At(IReadOnlyList<int> days, DateOnly day) =>
        LastDay.DayNumber - day.DayNumber is var i && i >= 0 && i < days.Count ? days[i] : -1;
}

/// <summary>
/// A list of day figures stored as one string, "3,,2,0" for [3, −1, 2, 0] (no figure is below −1, no report, which is left
/// empty): as a JSON array every figure would be a numeric in PostgreSQL's jsonb, converted to text on each read, and the
/// list's read of 200 patients spent most of its database time doing that. An empty string is an empty list.
/// </summary>
public sealed class DayFigures : JsonConverter<IReadOnlyList<int>>
{
    public override IReadOnlyList<int> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
            throw new JsonException("Expected day figures as a string of comma-separated whole numbers.");
        var text = reader.ValueSpan;
        var days = new List<int>(PainFacts.DaysKept);
        if (text.IsEmpty)
            return days;
        var (value, digits) = (0, 0);
        foreach (var c in text)
        {
            if (c == ',')
            {
                days.Add(digits == 0 ? -1 : value);
                (value, digits) = (0, 0);
            }
            else if (c is >= (byte)'0' and <= (byte)'9' && digits < 9)
                (value, digits) = (value * 10 + (c - '0'), digits + 1);
            else
                throw new JsonException("Expected day figures as a string of comma-separated whole numbers.");
        }

        days.Add(digits == 0 ? -1 : value);
        return days;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<int> value, JsonSerializerOptions options) =>
        writer.WriteStringValue(string.Join(',', value.Select(v => v < 0 ? "" : v.ToString(CultureInfo.InvariantCulture))));
}
