using System.Net;
using HipLog.Tests.Support;

namespace HipLog.Tests.Security;

/// <summary>A key written in the repository signs nothing outside Development: anyone could mint tokens with it.</summary>
public sealed class refusing_published_signing_keys
{
    private const string DevelopmentKey = "hiplog-development-signing-key-change-me-0123456789";
    private const string OldComposeKey = "compose-local-signing-key-change-me-0123456789";

    [Theory]
    [InlineData(DevelopmentKey)]
    [InlineData(OldComposeKey)]
    [InlineData("my-own-key-but-change-me-later-0123456789")]
    public async Task the_api_refuses_to_start_in_production_with_a_published_key(string key)
    {
        await using var api = new HipLogApi(await TestPostgres.CreateDatabaseAsync("published-key"), settings: new Dictionary<string,
            string?> { ["environment"] = "Production", ["Auth:SigningKey"] = key });

        var refusal = await Should.ThrowAsync<InvalidOperationException>(() => TestHosts.StartAsync(() => api.Server));

        refusal.Message.ShouldContain("published in HipLog's repository");
    }

    [Fact]
    public async Task the_development_key_still_signs_in_development()
    {
        await using var api = new HipLogApi(await TestPostgres.CreateDatabaseAsync("development-key"), settings: new Dictionary<string,
            string?> { ["environment"] = "Development", ["Auth:SigningKey"] = DevelopmentKey });
        await TestHosts.StartAsync(() => api.Server);

        await (await api.ClientFor("alice").GetAsync("/runners/alice/profile")).ShouldBeProblem(HttpStatusCode.NotFound);
    }
}
