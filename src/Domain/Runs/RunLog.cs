namespace HipLog.Domain.Runs;

/// <summary>
/// The decisions about a runner's runs, one for each way a run enters the log or changes: logged by hand, imported from
/// a file, corrected by PUT or PATCH, retracted. Each is a pure function of what is stored and what was asked.
/// </summary>
public static class RunLog
{
    public static RunLogged Log(string runnerId, Guid runId, RunDetails run) => new(runnerId, runId, run);

    /// <summary>A run from a file: none when the same activity is already logged (the same start, a distance within 1%).</summary>
    public static RunLogged? Import(string runnerId, Guid runId, RunDetails run, IEnumerable<RunDetails> logged) =>
        logged.Any(existing => IsSameActivity(existing, run)) ? null : Log(runnerId, runId, run);

    /// <summary>None when the correction changes nothing: sending the same run again records nothing.</summary>
    public static RunCorrected? Correct(RunView current, RunDetails corrected, DateTimeOffset now) =>
        corrected == current.Run ? null : new RunCorrected(current.RunnerId, current.Id, corrected, now);

    public static RunRetracted Retract(RunView current, DateTimeOffset now) => new(current.RunnerId, current.Id, now);

    /// <summary>
    /// The same activity imported again: a start in the same second (a GPX may keep fractions a FIT file has not), and a
    /// distance within 1%.
    /// </summary>
    public static bool IsSameActivity(RunDetails existing, RunDetails imported) =>
        existing.StartedAt.ToUnixTimeSeconds() == imported.StartedAt.ToUnixTimeSeconds()
        && Math.Abs(existing.DistanceKm - imported.DistanceKm) <= 0.01 * Math.Max(existing.DistanceKm, imported.DistanceKm);

    /// <summary>From the first start's second to the end of the last one's: where every run that could be the same activity as
    /// one of them starts.</summary>
    public static (DateTimeOffset From, DateTimeOffset Until) SecondsOf(IReadOnlyCollection<DateTimeOffset> starts) =>
        (DateTimeOffset.FromUnixTimeSeconds(starts.Min(s => s.ToUnixTimeSeconds())),
            DateTimeOffset.FromUnixTimeSeconds(starts.Max(s => s.ToUnixTimeSeconds()) + 1));
}
