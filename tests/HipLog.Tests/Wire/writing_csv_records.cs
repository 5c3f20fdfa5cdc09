using HipLog.Domain.Wire;

namespace HipLog.Tests.Wire;

public sealed class writing_csv_records
{
    private static string Record(params string?[] fields)
    {
        using var text = new StringWriter();
        using (var csv = Csv.Writer(text, newLine: "|"))
            csv.WriteFields(fields);
        return text.ToString()[..^1];
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"ouch\"", "\"say \"\"ouch\"\"\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("carriage\rreturn", "\"carriage\rreturn\"")]
    [InlineData(" spaced ", " spaced ")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("2026-11-25T07:10:00+01:00", "2026-11-25T07:10:00+01:00")]
    public void a_field_is_quoted_only_when_rfc_4180_needs_it(string? field, string written) =>
        Record(field).ShouldBe(written);

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1+cmd", "'+1+cmd")]
    [InlineData("-A1", "'-A1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tfoo", "'\tfoo")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("-12.5", "-12.5")]
    [InlineData("+3", "+3")]
    [InlineData("a=1", "a=1")]
    public void a_field_a_spreadsheet_would_run_as_a_formula_is_written_behind_an_apostrophe(string field, string written) =>
        Record(field).ShouldBe(written);

    [Fact]
    public void numbers_and_times_are_written_culture_free()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Record("a", null, Csv.Number(8.4), Csv.Number(3), Csv.Flag(true),
                Csv.Time(new DateTimeOffset(2026, 11, 25, 7, 10, 0, TimeSpan.FromHours(1))))
                .ShouldBe("a,,8.4,3,true,2026-11-25T07:10:00+01:00");
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }
}
