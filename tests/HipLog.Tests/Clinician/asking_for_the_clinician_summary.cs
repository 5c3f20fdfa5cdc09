using System.Net;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Clinician;

/// <summary>The summary asked for with a bearer token: a period of the runner's choosing, and only by that runner.</summary>
[Collection(SummarisedHistoryCollection.Name)]
public sealed class asking_for_the_clinician_summary(SummarisedHistory seeded)
{
    private const string Runner = SummarisedHistory.Runner;
    private readonly HipLogApi api = seeded.Api;

    [Fact]
    public async Task a_shorter_period_leaves_out_what_came_before_it()
    {
        var week = (await api.Runner(Runner).Clinician.SummaryAsync("?weeks=1")).Body;

        week.ShouldContain("23 Nov 2026 to 26 Nov 2026 (1 week,");
        week.ShouldContain("3 pain reports, 0 with a red-flag answer; 2 runs, 24 km; 0 stretch sessions; 0 recommendations from HipLog.");
        // The red flags of 6 and 21 November and the recommendations of the weeks before are outside this week.
        week.ShouldContain("No red-flag question was answered");
        week.ShouldContain("HipLog made no recommendation in this period.");
        week.ShouldContain("<tr data-week=\"2026-W48\">");
        week.ShouldNotContain("2026-W47");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("53")]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("0012")]
    public async Task weeks_outside_1_to_52_is_a_400_problem(string weeks)
    {
        var answer = await api.Runner(Runner).Clinician.SummaryAsync($"?weeks={weeks}");

        answer.IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe(["weeks"]);
    }

    [Fact]
    public async Task another_runners_token_is_a_403()
    {
        (await api.Runner(Runner, api.ClientFor("runner-someone-else")).Clinician.SummaryAsync()).IsProblem(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task no_token_is_a_401()
    {
        (await api.Runner(Runner, api.CreateClient()).Clinician.SummaryAsync()).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
