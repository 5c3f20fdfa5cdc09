using HipLog.Api.Http.Writes;
using HipLog.Api.Profiles;
using HipLog.Domain.Profiles;
using HipLog.Domain.Webhooks;
using HipLog.Tests.Support;
using Wolverine.Marten;

namespace HipLog.Tests.Profiles;

/// <summary>The profile endpoint and its decisions, called directly: no host, no database.</summary>
public sealed class deciding_about_profiles
{
    private static readonly ProfileRequest Request = new("Alice", "Europe/Berlin", new TimeOnly(7, 0));

    private static RunnerProfile Registered(string? webhookUrl = null) =>
        new("alice", "Alice", "Europe/Berlin", new TimeOnly(7, 0), null, webhookUrl, Decisions.Now.AddDays(-3), Decisions.Now.AddDays(-3));

    [Fact]
    public void a_first_profile_registers_the_runner()
    {
        var (_, events, _) = PutProfileEndpoint.Put("alice", Request, null, null, Decisions.Clock());

        events.ShouldHaveSingleItem()
            .ShouldBe(new RunnerRegistered("alice", "Alice", "Europe/Berlin", new TimeOnly(7, 0), null, null, Decisions.Now));
    }

    [Fact]
    public void a_first_profile_is_answered_201_at_its_location()
    {
        var (written, _, _) = PutProfileEndpoint.Put("alice", Request, null, null, Decisions.Clock());

        (written.Status, written.Location).ShouldBe((201, "/runners/alice/profile"));
    }

    [Fact]
    public void the_same_profile_again_records_nothing()
    {
        var (written, events, op) = PutProfileEndpoint.Put("alice", Request, Registered(), null, Decisions.Clock());

        events.ShouldBeEmpty();
        op.ShouldBeOfType<NoOp>();
        written.ShouldAnswer(200, ProfileResponse.From(Registered(), null, null));
    }

    [Fact]
    public void a_changed_profile_is_an_update_answered_with_the_profile_as_it_now_stands()
    {
        var (written, events, _) = PutProfileEndpoint.Put("alice", Request with { TimeZone = "Europe/London" }, Registered(), null,
            Decisions.Clock());

        events.ShouldHaveSingleItem().ShouldBeOfType<RunnerProfileUpdated>().TimeZone.ShouldBe("Europe/London");
        written.Body!.TimeZone.ShouldBe("Europe/London");
        written.Body.UpdatedAt.ShouldBe(Decisions.Now);
    }

    [Fact]
    public void a_first_webhook_is_stored_with_a_secret_shown_in_this_answer_only()
    {
        var (written, _, op) = PutProfileEndpoint.Put("alice", Request with { WebhookUrl = "https://hooks.example.com/hiplog" },
            Registered(), null,
            Decisions.Clock());

        var stored = op.ShouldBeOfType<StoreDoc<WebhookSubscription>>().Document.ShouldBeOfType<WebhookSubscription>();
        written.Body!.WebhookSecret.ShouldBe(stored.Secret);
        stored.Secret.ShouldStartWith("whsec_");
        ((ProfileResponse)written.Body.ForReplay()).WebhookSecret.ShouldBeNull();
    }

    [Fact]
    public void setting_the_url_again_after_a_410_turns_deliveries_back_on()
    {
        var disabled = new WebhookSubscription("alice", "https://hooks.example.com/hiplog", "whsec_x", true,
            "The receiver answered 410 Gone.", Decisions.Now);

        var change = WebhookChanges.Set("alice", disabled, disabled.Url, "whsec_new", Decisions.Now);

        change.ShouldBe(new WebhookChange(disabled with { Disabled = false, DisabledReason = null }, true, null));
    }

    [Fact]
    public void a_profile_without_a_url_removes_the_webhook()
    {
        var existing = new WebhookSubscription("alice", "https://hooks.example.com/hiplog", "whsec_x", false, null, Decisions.Now);

        var (_, _, op) = PutProfileEndpoint.Put("alice", Request, Registered(existing.Url), existing, Decisions.Clock());

        op.ShouldBeOfType<DeleteDocById<WebhookSubscription>>();
    }
}
