using HipLog.Domain.Storage;
using Marten;
using Marten.Events.Projections;

namespace HipLog.Domain.Stretching;

public sealed record StretchSessionView(Guid Id, string RunnerId, StretchSessionDetails Session, int Corrections = 0) : ILogEntryView,
    ICorrectable
{
    public DateTimeOffset OccurredAt => Session.CompletedAt;

    public static StretchSessionView Of(StretchSessionCompleted e) => new(e.SessionId, e.RunnerId, e.Session);

    /// <summary>The session as a correction leaves it (the projection patches the stored document to the same).</summary>
    public StretchSessionView Corrected(StretchSessionCorrected e) => this with { Session = e.Session, Corrections = Corrections + 1 };
}

public sealed partial class StretchSessionViewProjection : EventProjection
{
    public StretchSessionViewProjection()
    {
        Name = nameof(StretchSessionView);
        Options.DeleteViewTypeOnTeardown<StretchSessionView>();
    }

    // An insert for the same reason as PainReportView's: a rebuild's pages of new sessions go by COPY.
    public void Project(StretchSessionCompleted e, IDocumentOperations ops) => ops.Insert(StretchSessionView.Of(e));

    public void Project(StretchSessionCorrected e, IDocumentOperations ops) =>
        LogEntryViews.Correct<StretchSessionView,
            StretchSessionDetails>(ops, e.SessionId, v => v.Session, e.Session, e.Session.CompletedAt);

    public void Project(StretchSessionRetracted e, IDocumentOperations ops) => ops.Delete<StretchSessionView>(e.SessionId);
}
