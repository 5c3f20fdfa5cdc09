using HipLog.Domain.Storage;
using Marten;
using Marten.Events.Projections;

namespace HipLog.Domain.Pain;

/// <summary>
/// One document per standing pain report. It is also the unit the pain trend is figured from: a day's figures
/// are those of the reports that fall on it, read by the index on runner and time for just the days asked for.
/// </summary>
public sealed record PainReportView(Guid Id, string RunnerId, PainDetails Report, int Corrections) : ILogEntryView, ICorrectable
{
    public DateTimeOffset OccurredAt => Report.ReportedAt;

    public static PainReportView Of(PainReported e) => new(e.ReportId, e.RunnerId, e.Report, 0);

    /// <summary>The report as a correction leaves it (the projection patches the stored document to the same).</summary>
    public PainReportView Corrected(PainReportCorrected e) => this with { Report = e.Report, Corrections = Corrections + 1 };
}

public sealed partial class PainReportViewProjection : EventProjection
{
    public PainReportViewProjection()
    {
        Name = nameof(PainReportView);
        Options.DeleteViewTypeOnTeardown<PainReportView>();
    }

    // An insert, not a store: a rebuild whose page holds only inserts writes it with COPY (RebuildWithBulkCopy),
    // and a report's id is new with its event, so there is never a row to replace.
    public void Project(PainReported e, IDocumentOperations ops) => ops.Insert(PainReportView.Of(e));

    public void Project(PainReportCorrected e, IDocumentOperations ops) =>
        LogEntryViews.Correct<PainReportView, PainDetails>(ops, e.ReportId, v => v.Report, e.Report, e.Report.ReportedAt);

    public void Project(PainReportRetracted e, IDocumentOperations ops) => ops.Delete<PainReportView>(e.ReportId);
}
