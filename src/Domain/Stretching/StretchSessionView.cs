using HipLog.Domain.Storage;
using Marten.Events.Projections;

namespace HipLog.Domain.Stretching;

public sealed record StretchSessionView(Guid Id, string RunnerId, StretchSessionDetails Session) : ILogEntryView
{
    public DateTimeOffset OccurredAt => Session.CompletedAt;
}

public sealed partial class StretchSessionViewProjection : EventProjection
{
    public StretchSessionViewProjection()
    {
        Name = nameof(StretchSessionView);
        Options.DeleteViewTypeOnTeardown<StretchSessionView>();
    }

    public StretchSessionView Create(StretchSessionCompleted e) => new(e.SessionId, e.RunnerId, e.Session);
}
