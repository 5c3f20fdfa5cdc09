using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using HipLog.Domain.Pain;
using HipLog.Domain.Profiles;
using HipLog.Domain.Time;

namespace HipLog.Domain.Sharing;

/// <summary>A standing report as the traffic light needs it: kept by id, so a correction or a retraction finds it.</summary>
[JsonConverter(typeof(RecentReportText))]
public sealed record RecentReport(Guid Id, DateTimeOffset At, int Score, PainLocation Location, PainTiming Timing, bool RedFlag);

/// <summary>
/// A kept report as one short string, "{id}|{UTC ticks}|{score}|{place}|{timing}|{red flag 0/1}": every pain report reads
/// and rewrites the runner's kept reports, and as JSON objects (names and all) they were three times the size.
/// </summary>
public sealed class RecentReportText : JsonConverter<RecentReport>
{
    public override RecentReport Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var f = (reader.TokenType == JsonTokenType.String ? reader.GetString() : null)?.Split('|');
        if (f is not { Length: 6 } || !Guid.TryParseExact(f[0], "N", out var id)
            || !long.TryParse(f[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTime.MaxValue.Ticks
            || !int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var score)
            || !Enum.TryParse<PainLocation>(f[3], out var place) || !Enum.TryParse<PainTiming>(f[4], out var timing)
            || f[5] is not ("0" or "1"))
            throw new JsonException("Expected a kept report as id|ticks|score|place|timing|flag.");
        return new RecentReport(id, new DateTimeOffset(ticks, TimeSpan.Zero), score, place, timing, f[5] == "1");
    }

    public override void Write(Utf8JsonWriter writer, RecentReport r, JsonSerializerOptions options) =>
        writer.WriteStringValue(string.Create(CultureInfo.InvariantCulture,
            $"{r.Id:N}|{r.At.UtcTicks}|{r.Score}|{r.Location}|{r.Timing}|{(r.RedFlag ? 1 : 0)}"));
}

/// <summary>
/// A runner's standing reports of the last weeks, in their zone: what their <see cref="PainFacts"/> are figured from, and
/// all a correction or a retraction needs to figure them again. Pure: the events in, the document out.
/// </summary>
/// <param name="Newest">The newest report time ever written, the mark reports are kept against (never the clock).</param>
public sealed record RecentPain(string Id, string TimeZone, DateTimeOffset? Newest, IReadOnlyList<RecentReport> Reports)
{
    /// <summary>
    /// Today is at most a day before the newest report (dated at most 24 hours ahead) and a local day reaches 14 hours either
    /// side of UTC: two days more than the facts hold, and nothing the light reads is ever dropped.
    /// </summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(PainFacts.DaysKept + 2);

    /// <summary>
    /// Each report reads and rewrites the document, so its size is bounded: 200 reports is more than 5 a day for the whole
    /// 38 days, past any runner's log (a year of daily runs keeps about 50). Past that, a flood (a script, an import gone
    /// wrong) keeps only its newest 200, and the light may count fewer reports on the oldest of its days; writes stay cheap.
    /// </summary>
    public const int MostKept = 200;

    /// <summary>Whether an event changes what is kept: the runner's pain reports, and their zone.</summary>
    public static bool Reads(object e) =>
        e is PainReported or PainReportCorrected or PainReportRetracted or RunnerRegistered or RunnerProfileUpdated;

    /// <summary>A runner with nothing kept yet, in UTC until their profile says otherwise.</summary>
    public static RecentPain Empty(string runnerId) => new(runnerId, RunnerProfile.DefaultTimeZone, null, []);

    public static RecentPain After(RecentPain current, object e) =>
        e switch
        {
            PainReported reported => current.Keep(reported.ReportId, reported.Report),
            PainReportCorrected corrected => current.Keep(corrected.ReportId, corrected.Report),
            PainReportRetracted retracted => current with { Reports = [.. current.Reports.Where(r => r.Id != retracted.ReportId)] },
            RunnerRegistered registered => current with { TimeZone = registered.TimeZone },
            RunnerProfileUpdated updated => current with { TimeZone = updated.TimeZone },
            _ => current,
        };

    public PainFacts Facts()
    {
        var zone = LocalCalendar.ZoneOrUtc(TimeZone);
        return PainFacts.Of(Id, [.. Reports.Select(r =>
            new LightReport(LocalCalendar.LocalDay(r.At, zone), r.At, r.Score, r.Location, r.Timing, r.RedFlag))]);
    }

    /// <summary>The report as it now stands, in place of what it was, and without what fell out of the weeks kept.</summary>
    private RecentPain Keep(Guid reportId, PainDetails report)
    {
        var newest = Newest is { } seen && seen > report.ReportedAt ? seen : report.ReportedAt;
        var standing = new RecentReport(reportId, report.ReportedAt, report.Score, report.Location, report.Timing, report.RedFlags.Any);
        var reports = Reports.Where(r => r.Id != reportId).Append(standing)
            .Where(r => r.At >= newest - KeptFor).OrderBy(r => r.At).ThenBy(r => r.Id).TakeLast(MostKept).ToList();
        return this with { Newest = newest, Reports = reports };
    }
}
