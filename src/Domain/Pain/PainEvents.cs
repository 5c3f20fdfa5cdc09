using System.Text.Json.Serialization;
using HipLog.Domain.Storage;

namespace HipLog.Domain.Pain;

public enum PainLocation { FrontHip, Groin, OuterHip, Buttock, LowerBack, Hamstring, Knee, Other }

public enum BodySide { Left, Right, Both }

public enum PainTiming { BeforeRun, DuringRun, AfterRun, NextMorning, AtRest, AtNight }

public enum PainCharacter { Ache, Sharp, Stiffness, Burning }

/// <summary>The screening answers that turn a stretch suggestion into advice to see a clinician.</summary>
public sealed record RedFlags(bool PainAtRest, bool PainAtNight, bool CannotBearWeight, bool PainWhenHopping)
{
    public static readonly RedFlags None = new(false, false, false, false);

    [JsonIgnore]
    public bool Any => PainAtRest || PainAtNight || CannotBearWeight || PainWhenHopping;
}

/// <summary>One pain report on the 0–10 numeric rating scale; a correction replaces the whole of it.</summary>
public sealed record PainDetails(
    int Score,
    PainLocation Location,
    BodySide Side,
    PainTiming Timing,
    PainCharacter Character,
    Guid? RunId,
    RedFlags RedFlags,
    string? Notes,
    DateTimeOffset ReportedAt);

public interface IPainReportEvent : ILogEntryEvent
{
    string ILogEntryEvent.EntryKind => "pain-report";

    Guid ReportId { get; }
}

public sealed record PainReported(string RunnerId, Guid ReportId, PainDetails Report) : IPainReportEvent;

public sealed record PainReportCorrected(string RunnerId, Guid ReportId, PainDetails Report, DateTimeOffset CorrectedAt) : IPainReportEvent;

public sealed record PainReportRetracted(string RunnerId, Guid ReportId, DateTimeOffset RetractedAt) : IPainReportEvent;

public static class PainScale
{
    public const int Min = 0;
    public const int Max = 10;
}
