using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.DataRights;

/// <summary>The export's CSV files: a row per standing entry, the documented columns, and notes quoted intact.</summary>
[Collection(ExportedHistoryCollection.Name)]
public sealed class exporting_csv_files(ExportedHistory history)
{
    private const string Tricky = ExportedHistory.Tricky;
    private readonly Export export = history.Export;

    [Fact]
    public void runs_csv_has_a_row_per_standing_run()
    {
        var runs = export.Csv("runs.csv");

        runs.Count.ShouldBe(2);
        Export.Row(runs, 0)["id"].ShouldBe(history.Corrected.Id.ToString());
        export.Files["runs.csv"].ShouldNotContain(history.Retracted.ToString());
    }

    [Fact]
    public void runs_csv_writes_the_distance_in_km_with_the_start_on_the_runners_clock()
    {
        var run = Export.Row(export.Csv("runs.csv"), 0);

        (run["distanceKm"], run["startedAt"]).ShouldBe(("9.1", "2026-11-24T07:10:00+01:00"));
    }

    [Fact]
    public void runs_csv_writes_the_heart_rate_beside_the_elevation()
    {
        var run = Export.Row(export.Csv("runs.csv"), 0);

        (run["avgHeartRate"], run["maxHeartRate"]).ShouldBe(("148", "172"));
        export.Csv("runs.csv")[0][^3..].ShouldBe(["elevationGainM", "avgHeartRate", "maxHeartRate"]);
    }

    [Fact]
    public void notes_come_through_csv_quoting_intact()
    {
        Export.Row(export.Csv("runs.csv"), 0)["notes"].ShouldBe(Tricky);
        Export.Row(export.Csv("pain-reports.csv"), 0)["notes"].ShouldBe(Tricky);
        Export.Row(export.Csv("stretch-sessions.csv"), 0)["notes"].ShouldBe("90/90, then \"lizard\"");
    }

    [Fact]
    public void pain_reports_csv_has_the_documented_columns()
    {
        export.Csv("pain-reports.csv")[0].ShouldBe(["id", "reportedAt", "score", "location", "side", "timing", "character", "runId",
            "painAtRest", "painAtNight", "cannotBearWeight", "painWhenHopping", "notes", "corrections"]);
    }

    [Fact]
    public void pain_reports_csv_has_a_row_per_standing_report_with_its_run_and_red_flags()
    {
        var pain = export.Csv("pain-reports.csv");

        pain.Skip(1).Select(r => r[0]).ShouldBe([history.Mild.Id.ToString(), history.Night.Id.ToString()]);
        Export.Row(pain, 0)["runId"].ShouldBe(history.Corrected.Id.ToString());
        Export.Row(pain, 1)["painAtNight"].ShouldBe("true");
    }

    [Fact]
    public void stretch_sessions_csv_writes_each_exercise_in_words()
    {
        Export.Row(export.Csv("stretch-sessions.csv"), 0)["exercises"].ShouldBe("lizard-lower-lunge both 8 breaths 1x1");
    }

    [Fact]
    public void recommendations_csv_has_a_row_per_recommendation_with_its_status_and_reasons()
    {
        var recommendations = export.Csv("recommendations.csv");

        recommendations.Count.ShouldBe(2);
        var row = Export.Row(recommendations, 0);
        (row["status"], row["reasons"]).ShouldBe(("delivered", "red-flag:pain-at-night"));
    }
}
