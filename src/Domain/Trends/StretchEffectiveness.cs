using HipLog.Domain.Stretching;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace HipLog.Domain.Trends;

/// <param name="RatedSessions">Sessions with pain rated both before and after.</param>
/// <param name="MeanPainChange">Mean of (after − before) over the rated sessions: negative means the pain eased.</param>
/// <param name="TimesRaised">Rated sessions after which the pain was higher than before.</param>
public sealed record ExerciseEffect(string ExerciseId, int Sessions, int RatedSessions, int TotalPainChange, double? MeanPainChange,
    int TimesRaised);

/// <summary>How each exercise has worked for this runner: the personal evidence routines rank by.</summary>
public sealed record StretchEffectiveness(string Id, IReadOnlyList<ExerciseEffect> Exercises);

public sealed partial class StretchEffectivenessProjection : SingleStreamProjection<StretchEffectiveness, string>
{
    // Declared, so that a runner's other events neither load nor rewrite this document.
    public StretchEffectivenessProjection()
    {
        IncludeType<StretchSessionCompleted>();
        IncludeType<StretchSessionCorrected>();
        IncludeType<StretchSessionRetracted>();
    }

    public override StretchEffectiveness? Evolve(StretchEffectiveness? snapshot, string id, IEvent e)
    {
        var effects = (snapshot?.Exercises ?? []).ToDictionary(x => x.ExerciseId);
        switch (e.Data)
        {
            case StretchSessionCompleted completed:
                Count(effects, completed.Session, +1);
                break;
            case StretchSessionCorrected corrected:
                Count(effects, corrected.Was, -1);
                Count(effects, corrected.Session, +1);
                break;
            case StretchSessionRetracted retracted:
                Count(effects, retracted.Was, -1);
                break;
            default:
                return snapshot;
        }

        return new StretchEffectiveness(id, effects.Values.Where(x => x.Sessions > 0).OrderBy(x => x.ExerciseId, StringComparer.Ordinal)
            .ToList());
    }

    /// <summary>
    /// Adds a session's contribution to each exercise it holds (<paramref name="sign"/> +1), or takes it out again (−1).
    /// </summary>
    private static void Count(Dictionary<string, ExerciseEffect> effects, StretchSessionDetails session, int sign)
    {
        int? change = session is { PainBefore: { } before, PainAfter: { } after } ? after - before : null;
        foreach (var exerciseId in session.Exercises.Select(x => x.ExerciseId).Distinct())
        {
            var current = effects.GetValueOrDefault(exerciseId) ?? new ExerciseEffect(exerciseId, 0, 0, 0, null, 0);
            var rated = current.RatedSessions + (change is null ? 0 : sign);
            var total = current.TotalPainChange + sign * (change ?? 0);
            effects[exerciseId] = current with
            {
                Sessions = current.Sessions + sign,
                RatedSessions = rated,
                TotalPainChange = total,
                MeanPainChange = rated <= 0 ? null : Math.Round((double)total / rated, 2, MidpointRounding.AwayFromZero),
                TimesRaised = current.TimesRaised + (change > 0 ? sign : 0),
            };
        }
    }
}
