using HipLog.Domain.Stretching;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace HipLog.Domain.Trends;

/// <param name="RatedSessions">Sessions with pain rated both before and after.</param>
/// <param name="MeanPainChange">Mean of (after − before) over the rated sessions: negative means the pain eased.</param>
/// <param name="TimesRaised">Rated sessions after which the pain was higher than before.</param>
public sealed record ExerciseEffect(string ExerciseId, int Sessions, int RatedSessions, int TotalPainChange, double? MeanPainChange, int TimesRaised);

/// <summary>How each exercise has worked for this runner: the personal evidence routines rank by.</summary>
public sealed record StretchEffectiveness(string Id, IReadOnlyList<ExerciseEffect> Exercises);

public sealed partial class StretchEffectivenessProjection : SingleStreamProjection<StretchEffectiveness, string>
{
    // Declared, so that a runner's other events neither load nor rewrite this document.
    public StretchEffectivenessProjection() => IncludeType<StretchSessionCompleted>();

    public override StretchEffectiveness? Evolve(StretchEffectiveness? snapshot, string id, IEvent e)
    {
        if (e.Data is not StretchSessionCompleted completed)
            return snapshot;

        var session = completed.Session;
        int? change = session is { PainBefore: { } before, PainAfter: { } after } ? after - before : null;
        var effects = (snapshot?.Exercises ?? []).ToDictionary(x => x.ExerciseId);
        foreach (var exerciseId in session.Exercises.Select(x => x.ExerciseId).Distinct())
        {
            var current = effects.GetValueOrDefault(exerciseId) ?? new ExerciseEffect(exerciseId, 0, 0, 0, null, 0);
            var rated = current.RatedSessions + (change is null ? 0 : 1);
            var total = current.TotalPainChange + (change ?? 0);
            effects[exerciseId] = current with
            {
                Sessions = current.Sessions + 1,
                RatedSessions = rated,
                TotalPainChange = total,
                MeanPainChange = rated == 0 ? null : Math.Round((double)total / rated, 2, MidpointRounding.AwayFromZero),
                TimesRaised = current.TimesRaised + (change > 0 ? 1 : 0),
            };
        }

        return new StretchEffectiveness(id, effects.Values.OrderBy(x => x.ExerciseId, StringComparer.Ordinal).ToList());
    }
}
