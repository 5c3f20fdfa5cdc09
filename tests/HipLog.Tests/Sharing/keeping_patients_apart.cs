using System.Net;
using HipLog.Api.Sharing;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Sharing;

/// <summary>Someone trying to see what they were not given, through the real Api: other clinicians, wrong tokens, guessed codes.</summary>
public sealed class keeping_patients_apart(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    private async Task<(RunnerClient Runner, string Code)> SharedAsync(string runnerId)
    {
        var runner = await api.RunnerInBerlinAsync(runnerId);
        await runner.Runs.CreateAsync(Sample.Run("2026-11-24T07:00:00+01:00"));
        var share = (await runner.PostAsync($"{runner.Path}/shares", new { label = "physio", scope = (string[])["entries", "trend"] }))
            .Is<ShareResponse>(HttpStatusCode.Created);
        return (runner, share.Code!);
    }

    private async Task<RunnerClient> ClinicianAsync(string clinicianId)
    {
        var clinician = api.Clinician(clinicianId);
        await clinician.PutAsync($"/clinicians/{clinicianId}/profile", new { displayName = "Dr " + clinicianId });
        return clinician;
    }

    private static Task<Answer> Accept(RunnerClient clinician, string code) =>
        clinician.PostAsync($"/clinicians/{clinician.Id}/patients", new { code });

    [Fact]
    public async Task another_clinician_or_another_runner_through_the_same_share_is_a_404()
    {
        var (_, code) = await SharedAsync("apart-a");
        await api.RunnerInBerlinAsync("apart-b");
        var lee = await ClinicianAsync("apart-lee");
        await Accept(lee, code);
        var kim = await ClinicianAsync("apart-kim");

        (await kim.GetAsync("/clinicians/apart-kim/patients/apart-a/runs")).IsProblem(HttpStatusCode.NotFound);
        (await lee.GetAsync("/clinicians/apart-lee/patients/apart-b/runs")).IsProblem(HttpStatusCode.NotFound);
        (await kim.GetAsync("/clinicians/apart-kim/patients")).Is<List<PatientResponse>>(HttpStatusCode.OK).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_token_opens_only_its_own_kind_of_route()
    {
        var (runner, code) = await SharedAsync("apart-tokens");
        var lee = await ClinicianAsync("apart-tokens-lee");
        await Accept(lee, code);
        // A runner whose id is the clinician's: the role, not the subject, keeps the routes apart.
        var namesake = api.Runner("apart-tokens-lee");

        (await namesake.GetAsync("/clinicians/apart-tokens-lee/patients")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await api.Clinician("apart-tokens").GetAsync($"{runner.Path}/runs")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await lee.GetAsync("/clinicians/apart-kim/patients")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await lee.GetAsync("/clinicians/apart-tokens-lee/patients")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task five_wrong_codes_and_the_next_try_is_a_429_even_with_the_right_code()
    {
        var (_, code) = await SharedAsync("apart-guessed");
        var guesser = await ClinicianAsync("apart-guesser");
        var wrong = new List<string?>();
        for (var i = 0; i < 5; i++)
            wrong.Add((await Accept(guesser, $"0000000{i}")).IsProblem(HttpStatusCode.NotFound).Detail);

        var blocked = await Accept(guesser, code);

        wrong.Distinct().ShouldHaveSingleItem().ShouldBe($"There is no {AcceptShareEndpoint.NoSuchCode}.");
        blocked.IsProblem(HttpStatusCode.TooManyRequests);
        int.Parse(blocked.Headers.RetryAfter!.ToString()).ShouldBeInRange(1, 900);
    }

    [Fact]
    public async Task guesses_sent_all_at_once_are_judged_one_at_a_time()
    {
        var guesser = await ClinicianAsync("apart-burst");

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Accept(guesser, $"ZZZZZZ{i:00}")));

        answers.Count(a => a.Status == HttpStatusCode.NotFound).ShouldBeInRange(1, 5);
        answers.ShouldAllBe(a => a.Status == HttpStatusCode.NotFound || a.Status == HttpStatusCode.Conflict
                                                                    || a.Status == HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task a_clinician_without_a_profile_is_told_to_register_first()
    {
        var (_, code) = await SharedAsync("apart-unregistered");

        (await Accept(api.Clinician("apart-nobody"), code)).IsProblem(HttpStatusCode.Conflict).Title.ShouldBe("Register first");
    }

    public static TheoryData<string, string> BadShares => new()
    {
        { """{"label":"physio","scope":[]}""", "scope" },
        { """{"label":"physio"}""", "scope" },
        { """{"scope":["trend"]}""", "label" },
        { $$"""{"label":"{{new string('x', 101)}}","scope":["trend"]}""", "label" },
        { """{"label":"physio","scope":["trend"],"expiresAt":"2030-01-01T00:00:00Z"}""", "expiresAt" },
        { """{"label":"physio","scope":["trend"],"expiresAt":"2020-01-01T00:00:00Z"}""", "expiresAt" },
    };

    [Theory]
    [MemberData(nameof(BadShares))]
    public async Task a_share_asked_for_wrongly_is_a_400_naming_the_field(string body, string field)
    {
        var runner = api.Runner("apart-bad");

        (await runner.PostAsync($"{runner.Path}/shares", body)).IsProblem(HttpStatusCode.BadRequest).Fields.ShouldContain(field);
    }

    [Fact]
    public async Task an_unknown_scope_is_a_400()
    {
        var runner = api.Runner("apart-bad-scope");

        (await runner.PostAsync($"{runner.Path}/shares", """{"label":"physio","scope":["everything"]}"""))
            .Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task a_range_that_is_not_a_date_is_a_400_and_not_logged()
    {
        var (runner, code) = await SharedAsync("apart-range");
        var lee = await ClinicianAsync("apart-range-lee");
        await Accept(lee, code);

        (await lee.GetAsync("/clinicians/apart-range-lee/patients/apart-range/runs?from=yesterday")).IsProblem(HttpStatusCode.BadRequest)
            .Fields.ShouldBe(["from"]);
        var share = (await runner.GetAsync($"{runner.Path}/shares")).Is<Api.Http.Lists.Page<ShareResponse>>(HttpStatusCode.OK).Items[0];
        (await runner.GetAsync($"{runner.Path}/shares/{share.Id}/access-log")).Is<Api.Http.Lists.Page<AccessResponse>>(HttpStatusCode.OK)
            .Items.ShouldBeEmpty();
    }
}
