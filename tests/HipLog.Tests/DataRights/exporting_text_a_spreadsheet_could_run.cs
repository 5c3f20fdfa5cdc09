using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.DataRights;

/// <summary>Notes, shoes and route names are free text: in the export's CSV none of them may run as a formula.</summary>
public sealed class exporting_text_a_spreadsheet_could_run(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task a_run_whose_texts_begin_like_formulas_is_exported_with_each_text_behind_an_apostrophe()
    {
        var runner = fixture.Api.Runner("runner-export-formulas");
        await runner.Runs.CreateAsync(Sample.Run() with
        {
            RouteName = "=HYPERLINK(\"https://evil.example\",\"map\")", Shoes = "@SUM(A1)", Notes = "-2+3+cmd|' /C calc'!A0",
        });

        var row = Export.Row((await runner.DataRights.ExportAsync()).Csv("runs.csv"), 0);

        new[] { row["routeName"], row["shoes"], row["notes"] }
            .ShouldBe(["'=HYPERLINK(\"https://evil.example\",\"map\")", "'@SUM(A1)", "'-2+3+cmd|' /C calc'!A0"]);
    }
}
