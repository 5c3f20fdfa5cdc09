using System.Globalization;
using HipLog.Domain.Pain;
using HipLog.Domain.Watch;

namespace HipLog.Domain.Trends;

/// <summary>
/// Plain-language notes for the trend report, per place (location and side). "This week" is the 7 days ending on the
/// report's last day, so a week in progress is never set against a whole one; the weeks before are the 7-day blocks
/// before it. A note looks at the last four weeks as well as the last one, so that pain that climbed for weeks and
/// then held for one is never called steady.
/// </summary>
public static class TrendNotes
{
    /// <summary>A change smaller than this (on the 0–10 scale) is not worth a sentence; "steady" means no place moved by it.</summary>
    public const double NotableChange = 1.0;

    /// <summary>
    /// Nielsen et al. 2014 (J Orthop Sports Phys Ther 44(10):739–747): novice runners who increased their weekly
    /// distance by more than 30% over two weeks had more distance-related injuries. The notes compare the last 7 days
    /// with the 7 before, which is that two-week span.
    /// </summary>
    public const double NotableDistanceChangePercent = 30;

    /// <summary>How many 7-day blocks a place's weekly means cover: this week, the 28 days the watch compares it with.</summary>
    private const int Weeks = 5;

    /// <summary>The watch's own thresholds, so that the notes call "rising" what the watch acts on.</summary>
    private static readonly PainWatchOptions Watch = PainWatchOptions.Default;

    public static IReadOnlyList<string> Describe(IReadOnlyCollection<PainEntry> reports, IReadOnlyCollection<LoadDay> days, DateOnly asOf,
        double? ratio)
    {
        var places = reports.Where(r => r.Day <= asOf && r.Day > asOf.AddDays(-Weeks * 7))
            .GroupBy(r => (r.Location, r.Side))
            .Select(g => Place.Of(g.Key.Location, g.Key.Side, g, asOf))
            .OrderBy(p => p.Location).ThenBy(p => p.Side)
            .ToList();

        var notes = places.Where(p => p.IsRising).Select(p => p.Rising())
            .Concat(places.Where(p => !p.IsRising).Select(p => p.Moved()).OfType<string>())
            .ToList();
        if (notes.Count == 0)
            notes.Add(reports.Any(r => r.Day <= asOf && r.Day > asOf.AddDays(-7))
                ? "Your pain held steady: no place changed by a point or more over the last 4 weeks."
                : "No pain reports this week. Log one after your next run to keep your trend up to date.");

        if (Distance(days, asOf) is { } distance)
            notes.Add(distance);
        if (ratio >= Watch.HighLoadRatio)
            notes.Add(string.Format(CultureInfo.InvariantCulture,
                "Your training load is {0:0.00} times what you are used to (acute:chronic ratio); above {1:0.0} the risk of injury " +
                    "climbs, so consider easing the mileage.",
                ratio, Watch.HighLoadRatio));
        return notes;
    }

    /// <summary>The last 7 days' distance against the 7 before, when it changed by 30% or more.</summary>
    private static string? Distance(IReadOnlyCollection<LoadDay> days, DateOnly asOf)
    {
        var now = days.Where(d => d.Day <= asOf && d.Day > asOf.AddDays(-7)).Sum(d => d.DistanceKm);
        var before = days.Where(d => d.Day <= asOf.AddDays(-7) && d.Day > asOf.AddDays(-14)).Sum(d => d.DistanceKm);
        if (before <= 0)
            return null;
        var change = Math.Round((now - before) / before * 100, 1);
        if (Math.Abs(change) < NotableDistanceChangePercent)
            return null;
        var sentence = string.Format(CultureInfo.InvariantCulture,
            "Your weekly distance {0} {1:0}%: {2:0.0} km in the last 7 days against {3:0.0} km in the 7 before.",
            change > 0 ? "rose" : "fell", Math.Abs(change), now, before);
        return change > 0
            ? sentence + " Runners who added more than 30% over two weeks had more distance-related injuries (Nielsen et al. 2014); " +
                "consider holding your distance steady for a while."
            : sentence;
    }

    /// <summary>One place's reports of the last five weeks, as weekly means (index 0 is this week) and the watch's comparison.</summary>
    private sealed record Place(PainLocation Location, BodySide Side, double?[] Week, double? Prev28)
    {
        public static Place Of(PainLocation location, BodySide side, IEnumerable<PainEntry> reports, DateOnly asOf)
        {
            var byWeek = reports.GroupBy(r => (asOf.DayNumber - r.Day.DayNumber) / 7)
                .ToDictionary(g => g.Key, g => g.Select(r => r.Score).ToList());
            var week = Enumerable.Range(0, Weeks).Select(w => byWeek.TryGetValue(w, out var s) ? s.Average() : (double?)null).ToArray();
            // Report by report, as the watch's rising-week rule weighs them, not week by week.
            var baseline = byWeek.Where(w => w.Key > 0).SelectMany(w => w.Value).ToList();
            return new Place(location, side, week, baseline.Count > 0 ? baseline.Average() : null);
        }

        private string Where => TrendNotes.Where(Location, Side);

        private double? Now => Week[0];

        /// <summary>The watch's rising-week rule: this week's mean at least its threshold above the 28 days before.</summary>
        private bool AboveBaseline => Now - Prev28 >= Watch.RisingWeekPoints;

        /// <summary>The weekly mean rose three weeks running, ending this week or (whatever this week did) the week before.</summary>
        private int? RiseEndsWeeksAgo => RoseThreeWeeksFrom(0) ? 0 : RoseThreeWeeksFrom(1) ? 1 : null;

        public bool IsRising => AboveBaseline || RiseEndsWeeksAgo is not null;

        private bool RoseThreeWeeksFrom(int end) =>
            Enumerable.Range(end, 3).All(w => Week[w] is { } later && Week[w + 1] is { } earlier && later > earlier);

        public string Rising()
        {
            var parts = new List<string>();
            if (AboveBaseline)
                parts.Add(F("{0:0.0} on average this week against {1:0.0} over the 4 weeks before", Now, Prev28));
            if (RiseEndsWeeksAgo is { } end)
            {
                var steps = string.Join(" → ", Enumerable.Range(end, 4).Reverse().Select(w => F("{0:0.0}", Week[w])));
                var rose = F("its weekly mean rose three weeks running ({0})", steps);
                // A rise that ended last week: this week can only have held or eased, or it would have risen four weeks running.
                if (end == 1)
                    rose += Now switch
                    {
                        null => ", and nothing was reported there this week",
                        { } now when Week[1] - now < NotableChange / 2 => F(" before holding at {0:0.0} this week", now),
                        { } now => F(" before easing to {0:0.0} this week", now),
                    };
                parts.Add(rose);
            }

            return F("Pain at {0} is rising: {1}.", Where, string.Join(", and ", parts));
        }

        /// <summary>What changed at a place that is not rising, or null when it moved by less than a point over 4 weeks.</summary>
        public string? Moved()
        {
            var fourWeeks = Week.Take(4).OfType<double>().ToList();
            if (Now is { } now && Prev28 is null)
                return F("Pain at {0} is new: {1:0.0} on average this week, with nothing reported there in the 4 weeks before.", Where,
                    now);
            if (Now is { } current && Prev28 is { } baseline && Math.Abs(current - baseline) >= NotableChange)
                return current > baseline
                    ? F("Pain at {0} is up {1:0.0} points: {2:0.0} on average this week against {3:0.0} over the 4 weeks before.", Where,
                        current - baseline, current, baseline)
                    : F("Pain at {0} eased: {1:0.0} on average this week against {2:0.0} over the 4 weeks before.", Where, current,
                        baseline);
            if (Now is { } thisWeek && Week[1] is { } lastWeek && Math.Abs(thisWeek - lastWeek) >= NotableChange)
                return F("Pain at {0} {1} {2:0.0} points this week: {3:0.0} on average against {4:0.0} the week before.",
                    Where, thisWeek > lastWeek ? "rose" : "eased", Math.Abs(thisWeek - lastWeek), thisWeek, lastWeek);
            if (fourWeeks.Count > 1 && fourWeeks.Max() - fourWeeks.Min() >= NotableChange)
                return F("Pain at {0} went up and down over the last 4 weeks (weekly means, oldest first: {1}).",
                    Where, string.Join(", ", Week.Take(4).Reverse().Select(w => w is { } m ? F("{0:0.0}", m) : "none")));
            return null;
        }

        private static string F(string format, params object?[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
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
