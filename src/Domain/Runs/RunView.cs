using HipLog.Domain.Storage;
using JasperFx.Events;
using Marten.Events.Projections;

namespace HipLog.Domain.Runs;

/// <summary>One document per run as it stands now, so a date-range query reads an index instead of a whole log.</summary>
public sealed record RunView(Guid Id, string RunnerId, RunDetails Run, int Corrections) : ILogEntryView
{
    public DateTimeOffset OccurredAt => Run.StartedAt;
}

public sealed partial class RunViewProjection : MultiStreamProjection<RunView, Guid>
{
    public RunViewProjection() => Identity<IRunEvent>(e => e.RunId);

    public override RunView? Evolve(RunView? snapshot, Guid id, IEvent e) => e.Data switch
    {
        RunLogged logged => new RunView(logged.RunId, logged.RunnerId, logged.Run, 0),
        // A correction racing a retraction must not bring the run back.
        RunCorrected corrected when snapshot is not null => snapshot with { Run = corrected.Run, Corrections = snapshot.Corrections + 1 },
        RunRetracted => null,
        _ => snapshot,
    };
}
