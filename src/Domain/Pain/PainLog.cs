namespace HipLog.Domain.Pain;

/// <summary>The decisions about a runner's pain reports: reported, corrected by PUT or PATCH, retracted.</summary>
public static class PainLog
{
    public static PainReported Report(string runnerId, Guid reportId, PainDetails report) => new(runnerId, reportId, report);

    /// <summary>None when the correction changes nothing: sending the same report again records nothing.</summary>
    public static PainReportCorrected? Correct(PainReportView current, PainDetails corrected, DateTimeOffset now) =>
        corrected == current.Report ? null : new PainReportCorrected(current.RunnerId, current.Id, corrected, now);

    public static PainReportRetracted Retract(PainReportView current, DateTimeOffset now) => new(current.RunnerId, current.Id, now);
}
