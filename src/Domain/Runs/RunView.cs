using HipLog.Domain.Storage;
using Marten;
using Marten.Events.Projections;

namespace HipLog.Domain.Runs;

/// <summary>One document per run as it stands now, so a date-range query reads an index instead of a whole log.</summary>
public sealed record RunView(Guid Id, string RunnerId, RunDetails Run, int Corrections) : ILogEntryView, ICorrectable
{
    public DateTimeOffset OccurredAt => Run.StartedAt;

    public static RunView Of(RunLogged e) => new(e.RunId, e.RunnerId, e.Run, 0);

    /// <summary>The run as a correction leaves it (the projection patches the stored document to the same).</summary>
    public RunView Corrected(RunCorrected e) => this with { Run = e.Run, Corrections = Corrections + 1 };
}

public sealed partial class RunViewProjection : EventProjection
{
    public RunViewProjection()
    {
        Name = nameof(RunView);
        Options.DeleteViewTypeOnTeardown<RunView>();
    }

    // An insert for the same reason as PainReportView's: a rebuild's pages of new runs go by COPY.
    public void Project(RunLogged e, IDocumentOperations ops) => ops.Insert(RunView.Of(e));

    public void Project(RunCorrected e, IDocumentOperations ops) => LogEntryViews.Correct<RunView,
        RunDetails>(ops, e.RunId, v => v.Run, e.Run, e.Run.StartedAt);

    public void Project(RunRetracted e, IDocumentOperations ops) => ops.Delete<RunView>(e.RunId);
}
