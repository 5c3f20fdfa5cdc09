using HipLog.Domain.Runs;
using HipLog.Domain.Timeline;
using HipLog.Domain.Wire;

namespace HipLog.Tests.Wire;

public sealed class articles_before_numbers
{
    [Theory]
    [InlineData(8, "an")]
    [InlineData(8.4, "an")]
    [InlineData(11, "an")]
    [InlineData(11.5, "an")]
    [InlineData(18, "an")]
    [InlineData(80, "an")]
    [InlineData(84.39, "an")]
    [InlineData(89, "an")]
    [InlineData(800, "an")]
    [InlineData(8000, "an")]
    [InlineData(11_000, "an")]
    [InlineData(18_500, "an")]
    [InlineData(5, "a")]
    [InlineData(0.8, "a")]
    [InlineData(1, "a")]
    [InlineData(10, "a")]
    [InlineData(12, "a")]
    [InlineData(28, "a")]
    [InlineData(90, "a")]
    [InlineData(108, "a")]
    [InlineData(118, "a")]
    [InlineData(180, "a")]
    [InlineData(1800, "a")]
    public void the_article_follows_how_the_number_is_read(double number, string article) =>
        English.IndefiniteArticle(number).ShouldBe(article);

    [Theory]
    [InlineData(8.4, "Logged an 8.4 km trail run of 45 min at effort 6/10.")]
    [InlineData(11, "Logged an 11 km trail run of 45 min at effort 6/10.")]
    [InlineData(18, "Logged an 18 km trail run of 45 min at effort 6/10.")]
    [InlineData(84.39, "Logged an 84.39 km trail run of 45 min at effort 6/10.")]
    [InlineData(5, "Logged a 5 km trail run of 45 min at effort 6/10.")]
    [InlineData(7.999, "Logged an 8 km trail run of 45 min at effort 6/10.")]
    public void a_run_on_the_timeline_reads_as_english(double km, string summary)
    {
        var run = new RunDetails(km, 2700, 6, Surface.Trail, null, null, null, DateTimeOffset.UnixEpoch);
        TimelineDescriber.Describe(new RunLogged("runner", Guid.NewGuid(), run)).Summary.ShouldBe(summary);
        TimelineDescriber.Describe(new RunCorrected("runner", Guid.NewGuid(), run, DateTimeOffset.UnixEpoch)).Summary
            .ShouldBe(summary.Replace("Logged ", "Corrected a run to "));
    }
}
