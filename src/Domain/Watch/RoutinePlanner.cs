using System.Globalization;
using HipLog.Domain.Pain;
using HipLog.Domain.Stretching;
using HipLog.Domain.Trends;

namespace HipLog.Domain.Watch;

/// <summary>Which exercises a routine holds, and the words that go with a routine or a referral.</summary>
public static class RoutinePlanner
{
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    /// <summary>
    /// The catalogue's exercises for each place, from the article (docs/pain-watch.md, "Routines"). Hamstring and other places are not
    /// covered by it; HipLog offers the gentlest general pair there.
    /// </summary>
    public static IReadOnlyList<string> CandidatesFor(PainLocation location) => location switch
    {
        PainLocation.FrontHip or PainLocation.Groin =>
            [StretchCatalogue.LizardLowerLunge, StretchCatalogue.HipFlexorRollOut, StretchCatalogue.SingleLegKneeLift,
                StretchCatalogue.GarlandPose],
        PainLocation.OuterHip or PainLocation.Buttock =>
            [StretchCatalogue.HalfLordOfTheFishes, StretchCatalogue.GarlandPose, StretchCatalogue.HipFlexorRollOut],
        PainLocation.LowerBack => [StretchCatalogue.HalfLordOfTheFishes, StretchCatalogue.GarlandPose],
        PainLocation.Knee => [StretchCatalogue.SingleLegKneeLift, StretchCatalogue.LizardLowerLunge],
        _ => [StretchCatalogue.GarlandPose, StretchCatalogue.HalfLordOfTheFishes],
    };

    /// <summary>Exercises that eased this runner's pain come first, best first; one that raised it twice or more is left out.</summary>
    public static IReadOnlyList<PrescribedExercise> Choose(PainLocation location, IReadOnlyCollection<ExerciseEffect> evidence,
        PainWatchOptions o)
    {
        var effects = evidence.ToDictionary(e => e.ExerciseId);
        return CandidatesFor(location)
            .Select((id, order) => (Exercise: StretchCatalogue.Find(id)!, Effect: effects.GetValueOrDefault(id), Order: order))
            .Where(c => c.Effect is null || c.Effect.TimesRaised < o.TimesRaisedToLeaveOut)
            .OrderBy(c => c.Effect?.MeanPainChange is < 0 ? c.Effect.MeanPainChange!.Value : 0)
            .ThenBy(c => c.Order)
            .Select(c => Prescribe(c.Exercise, c.Effect))
            .ToList();
    }

    private static PrescribedExercise Prescribe(Exercise e, ExerciseEffect? effect)
    {
        var why = effect is { MeanPainChange: < 0 } helped
            ? string.Format(En, "It eased your pain by {0:0.#} points on average over {1} session{2}.", -helped.MeanPainChange!.Value,
                helped.RatedSessions, helped.RatedSessions == 1 ? "" : "s")
            : $"It works on {string.Join(", ", e.Targets.Take(3).Select(t => t.Replace('-', ' ')))}.";
        // Start at the gentle end of the article's 8–10 breaths.
        return new PrescribedExercise(e.Id, e.Name, e.Dose.HoldBreathsMin, e.Dose.HoldSeconds, e.Dose.EachSide ? "each-side"
            : "both-together", e.Dose.Sets, e.Dose.Reps, why, e.Dose.DurationSeconds);
    }

    public static string RoutineMessage(Assessment a, IReadOnlyList<PrescribedExercise> exercises)
    {
        var place = TrendNotes.Where(a.Report.Location, a.Report.Side);
        var why = string.Join(" ", a.Reasons.Select(r => Explain(r, a.Report)));
        var load = a.Advisories.Contains(PainRules.EaseMileage)
            ? string.Format(En, " Your training load is {0:0.00} times what you are used to: ease the mileage for a few days.",
                a.Load.LoadRatio)
            : "";
        return $"Pain at {place} is rising. {why}{load} Here is a short routine for it, starting with " +
            $"{exercises[0].Name.ToLowerInvariant()}. " +
               "Stop any exercise that makes the pain sharper. HipLog does not diagnose: if the pain keeps climbing, see a " +
                   "physiotherapist or doctor.";
    }

    public static string ReferralMessage(Assessment a)
    {
        var signs = string.Join(" ", a.RedFlags.Select(r => Explain(r, a.Report)));
        return $"{signs} HipLog cannot diagnose, but these are signs that a doctor or physiotherapist should look at your hip before you " +
            $"keep training, " +
               "so no stretch routine has been scheduled. Please book an appointment soon, and rest from running until then.";
    }

    private static string Explain(string reason, ReportFacts r) => reason switch
    {
        PainRules.Flare => string.Format(En, "{0}/10 is above the 5/10 that is acceptable while training.", r.Score),
        PainRules.NotSettling => "It did not settle overnight: this morning is worse than after yesterday's run.",
        PainRules.RisingWeek => "This week's average is 2 or more points above the four weeks before.",
        PainRules.Streak => "It has risen three reports in a row.",
        "red-flag:pain-at-rest" => "You said the pain comes when you are resting.",
        "red-flag:pain-at-night" => "You said the pain comes at night.",
        "red-flag:cannot-bear-weight" => "You said you cannot put your full weight on the leg, or you are limping.",
        "red-flag:pain-when-hopping" => "You said hopping on the leg hurts.",
        "red-flag:severe-pain" => string.Format(En, "You rated the pain {0}/10.", r.Score),
        "red-flag:groin-pain-with-running"
            => "Groin pain that comes with running and keeps rising needs a clinician's eye, because it can come from a stress injury of " +
            "the hip bone.",
        "red-flag:not-improving"
            => "The pain is still rising two weeks after your first routine, although you have been doing the stretches.",
        "red-flag:stretches-not-helping" => "The stretches for this place have made your pain worse more than once.",
        _ => "",
    };
}
