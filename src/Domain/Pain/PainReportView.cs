using HipLog.Domain.Storage;
using JasperFx.Events;
using Marten.Events.Projections;

namespace HipLog.Domain.Pain;

public sealed record PainReportView(Guid Id, string RunnerId, PainDetails Report, int Corrections) : ILogEntryView
{
    public DateTimeOffset OccurredAt => Report.ReportedAt;
}

public sealed partial class PainReportViewProjection : MultiStreamProjection<PainReportView, Guid>
{
    public PainReportViewProjection() => Identity<IPainReportEvent>(e => e.ReportId);

    public override PainReportView? Evolve(PainReportView? snapshot, Guid id, IEvent e) => e.Data switch
    {
        PainReported reported => new PainReportView(reported.ReportId, reported.RunnerId, reported.Report, 0),
        PainReportCorrected corrected when snapshot is not null => snapshot with { Report = corrected.Report, Corrections = snapshot.Corrections + 1 },
        PainReportRetracted => null,
        _ => snapshot,
    };
}
