using System.Net;
using HipLog.Api.Profiles;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;

namespace HipLog.Tests.Security;

/// <summary>The webhook secret is in a profile's first answer only: neither a replay nor the answer kept for replays holds it.</summary>
public sealed class keeping_the_webhook_secret_out_of_replays(EdgesFixture fixture) : IClassFixture<EdgesFixture>
{
    private static readonly ProfileRequest WithWebhook = Sample.Profile("Sec") with { WebhookUrl = "https://hooks.hiplog.example/in" };

    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task a_replayed_profile_answer_never_carries_the_webhook_secret()
    {
        var runner = api.Runner("runner-secret");
        var first = (await runner.Profiles.PutAsync(WithWebhook, "profile-once")).Is<ProfileResponse>(HttpStatusCode.Created);

        var replay = await runner.Profiles.PutAsync(WithWebhook, "profile-once");

        replay.Replayed.ShouldBeTrue();
        var replayed = replay.Is<ProfileResponse>(HttpStatusCode.Created);
        replayed.WebhookSecretNote.ShouldNotBeNull().ShouldContain("only in the first answer");
        replayed.ShouldBe(first with { WebhookSecret = null, WebhookSecretNote = replayed.WebhookSecretNote });
    }

    [Fact]
    public async Task the_webhook_secret_is_not_stored_with_the_answer_kept_for_replays()
    {
        var runner = api.Runner("runner-secret-kept");

        var answer = await runner.Profiles.PutAsync(WithWebhook, "profile-kept");
        var secret = answer.Is<ProfileResponse>(HttpStatusCode.Created).WebhookSecret;

        secret.ShouldNotBeNull().ShouldStartWith("whsec_");
        await using var connection = new Npgsql.NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var stored = new Npgsql.NpgsqlCommand("select count(*) from hiplog.mt_doc_idempotentresponse where data::text like " +
            "'%' || @secret || '%'", connection)
            { Parameters = { new("secret", secret["whsec_".Length..]) } };
        ((long)(await stored.ExecuteScalarAsync())!).ShouldBe(0);
    }
}
