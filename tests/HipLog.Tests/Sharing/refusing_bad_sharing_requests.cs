using System.Net;
using System.Text;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Sharing;

/// <summary>Hostile or broken bodies on the sharing routes: each a problem answer, never a 500.</summary>
public sealed class refusing_bad_sharing_requests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    public static TheoryData<string, string, string?> Bodies => new()
    {
        { "POST", "/clinicians/bad-dr/patients", null },
        { "POST", "/clinicians/bad-dr/patients", "" },
        { "POST", "/clinicians/bad-dr/patients", "{\"code\":5}" },
        { "POST", "/clinicians/bad-dr/patients", "{\"code\":\"" + new string('A', 5000) + "\"}" },
        { "POST", "/clinicians/bad-dr/patients", "[1,2]" },
        { "PUT", "/clinicians/bad-dr/profile", null },
        { "PUT", "/clinicians/bad-dr/profile", "{\"displayName\":\"x\",\"webhookUrl\":\"http://169.254.169.254/\"}" },
        { "PUT", "/clinicians/bad-dr/profile", "{\"displayName\":\"\"}" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task a_broken_body_on_a_clinicians_route_is_a_4xx_problem(string method, string path, string? body)
    {
        var clinician = api.Clinician("bad-dr");
        await clinician.PutAsync("/clinicians/bad-dr/profile", new { displayName = "Dr Bad" });
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");

        var answer = await Answer.ReadAsync(await clinician.Http.SendAsync(request));

        ((int)answer.Status).ShouldBeInRange(400, 499, answer.Body);
        answer.MediaType.ShouldBe("application/problem+json");
    }

    public static TheoryData<string> Shares => new()
    {
        "{\"label\":\"x\",\"scope\":[\"trend\"],\"from\":\"not-a-date\"}",
        "{\"label\":\"x\",\"scope\":\"trend\"}",
        "{\"label\":\"x\",\"scope\":[null]}",
        "{\"label\":\"x\",\"scope\":[\"trend\"],\"expiresAt\":\"2027-01-01\"}",
        "{\"label\":7,\"scope\":[\"trend\"]}",
    };

    [Theory]
    [MemberData(nameof(Shares))]
    public async Task a_broken_share_is_a_400_problem(string body)
    {
        var runner = api.Runner("bad-sharer");

        var answer = await runner.PostAsync($"{runner.Path}/shares", body);

        answer.Status.ShouldBe(HttpStatusCode.BadRequest, answer.Body);
        answer.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task a_clinician_id_outside_the_alphabet_is_a_400()
    {
        var answer = await api.Clinician("bad-dr2").GetAsync("/clinicians/bad%20dr/patients");

        ((int)answer.Status).ShouldBeOneOf(400, 403);
    }
}
