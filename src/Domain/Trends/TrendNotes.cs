using System.Globalization;
using HipLog.Domain.Pain;

namespace HipLog.Domain.Trends;

/// <summary>
/// Plain-language notes for the trend report. "This week" is the 7 days ending on the report's last day, compared
/// with the 7 days before, so a week in progress is never set against a whole one.
/// </summary>
public static class TrendNotes
{
    /// <summary>A change smaller than this (on the 0–10 scale) is not worth a sentence.</summary>
    public const double NotableChange = 1.0;

    public const double HighRatio = 1.5;

    public static IReadOnlyList<string> Describe(IReadOnlyCollection<PainEntry> reports, IReadOnlyCollection<LoadDay> days, DateOnly asOf, double? ratio)
    {
        bool ThisWeek(DateOnly d) => d <= asOf && d > asOf.AddDays(-7);
        bool WeekBefore(DateOnly d) => d <= asOf.AddDays(-7) && d > asOf.AddDays(-14);

        var notes = new List<string>();
        var distanceNow = days.Where(d => ThisWeek(d.Day)).Sum(d => d.DistanceKm);
        var distanceBefore = days.Where(d => WeekBefore(d.Day)).Sum(d => d.DistanceKm);
        var distance = distanceBefore > 0
            ? string.Format(CultureInfo.InvariantCulture, " while weekly distance {0} {1:0}%",
                distanceNow >= distanceBefore ? "rose" : "fell", Math.Abs(distanceNow - distanceBefore) / distanceBefore * 100)
            : "";

        foreach (var place in reports.GroupBy(r => (r.Location, r.Side)).OrderBy(g => g.Key))
        {
            var now = place.Where(r => ThisWeek(r.Day)).Select(r => r.Score).ToList();
            var before = place.Where(r => WeekBefore(r.Day)).Select(r => r.Score).ToList();
            if (now.Count == 0 || before.Count == 0)
                continue;
            var delta = now.Average() - before.Average();
            if (Math.Abs(delta) >= NotableChange)
                notes.Add(string.Format(CultureInfo.InvariantCulture, "Pain at {0} {1} {2:0.0} points this week{3}.",
                    Where(place.Key.Location, place.Key.Side), delta > 0 ? "rose" : "eased", Math.Abs(delta), distance));
        }

        if (ratio >= HighRatio)
            notes.Add(string.Format(CultureInfo.InvariantCulture,
                "Your training load is {0:0.00} times what you are used to (acute:chronic ratio); above {1:0.0} the risk of injury climbs, so consider easing the mileage.",
                ratio, HighRatio));

        if (notes.Count == 0)
            notes.Add(reports.Any(r => ThisWeek(r.Day))
                ? "Your pain held steady this week: no place changed by a point or more."
                : "No pain reports this week. Log one after your next run to keep your trend up to date.");
        return notes;
    }

    public static string Where(PainLocation location, BodySide side)
    {
        var (one, both) = location switch
        {
            PainLocation.FrontHip => ("the front of the {0} hip", "the front of both hips"),
            PainLocation.Groin => ("the {0} groin", "both sides of the groin"),
            PainLocation.OuterHip => ("the outside of the {0} hip", "the outside of both hips"),
            PainLocation.Buttock => ("the {0} buttock", "both buttocks"),
            PainLocation.LowerBack => ("the {0} side of the lower back", "the lower back"),
            PainLocation.Hamstring => ("the {0} hamstring", "both hamstrings"),
            PainLocation.Knee => ("the {0} knee", "both knees"),
            _ => ("another place on the {0} side", "other places on both sides"),
        };
        return side == BodySide.Both ? both : string.Format(CultureInfo.InvariantCulture, one, side == BodySide.Left ? "left" : "right");
    }
}
