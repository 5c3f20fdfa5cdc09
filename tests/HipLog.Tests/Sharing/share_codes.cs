using HipLog.Domain.Sharing;

namespace HipLog.Tests.Sharing;

/// <summary>Share codes and the decisions about shares, called directly.</summary>
public sealed class share_codes
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    private static ShareView Offered(string code = "7KQ2M9XD") => ShareView.After(null, Shares.Offer("alice", Guid.CreateVersion7(),
        new ShareTerms("Dr Lee", [ShareScope.Trend], new DateOnly(2026, 9, 1), Now.AddDays(90)), code, Now))!;

    [Fact]
    public void a_code_is_8_characters_of_an_alphabet_of_32_without_look_alikes()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => ShareCodes.New()).ToList();

        codes.ShouldAllBe(c => c.Length == 8 && c.All(ch => ShareCodes.Alphabet.Contains(ch)));
        ShareCodes.Alphabet.Length.ShouldBe(32);
        ShareCodes.Alphabet.ShouldNotContain('I');
        ShareCodes.Alphabet.ShouldNotContain('O');
        codes.Distinct().Count().ShouldBe(200);
    }

    [Theory]
    [InlineData("7KQ2-M9XD", "7KQ2M9XD")]
    [InlineData(" 7kq2 m9xd ", "7KQ2M9XD")]
    [InlineData("OIL2M9XD", "0112M9XD")]
    [InlineData("7KQ2M9X", null)]
    [InlineData("7KQ2M9XDD", null)]
    [InlineData("7KQ2M9XU", null)]
    [InlineData("", null)]
    public void a_code_is_read_as_typed_with_look_alikes_taken_for_what_they_look_like(string typed, string? read)
    {
        ShareCodes.Normalise(typed).ShouldBe(read);
    }

    [Fact]
    public void only_the_codes_hash_is_kept()
    {
        var share = Offered();

        share.CodeHash.ShouldBe(ShareCodes.Hash("7KQ2M9XD"));
        share.CodeHash!.ShouldNotContain("7KQ2M9XD");
    }

    [Fact]
    public void a_code_opens_its_share_once_within_48_hours()
    {
        var share = Offered();

        Shares.Accept(share, "dr-lee", Now.AddHours(47)).ShouldNotBeNull();
        Shares.Accept(share, "dr-lee", Now.AddHours(48)).ShouldBeNull();
        var accepted = ShareView.After(share, Shares.Accept(share, "dr-lee", Now)!)!;
        Shares.Accept(accepted, "dr-kim", Now).ShouldBeNull();
        Shares.Accept(ShareView.After(share, Shares.Revoke(share, Now)!), "dr-lee", Now).ShouldBeNull();
    }

    [Fact]
    public void a_share_is_expired_past_its_end_and_revoked_or_ended_once()
    {
        var active = ShareView.After(Offered(), Shares.Accept(Offered(), "dr-lee", Now)!)!;

        (active.StatusAt(Now), active.StatusAt(Now.AddDays(90))).ShouldBe(("active", "expired"));
        var revoked = ShareView.After(active, Shares.Revoke(active, Now)!)!;
        (revoked.StatusAt(Now), Shares.Revoke(revoked, Now)).ShouldBe(("revoked", null));
        Shares.End(active, "dr-kim", Now).ShouldBeNull();
        ShareView.After(active, Shares.End(active, "dr-lee", Now)!)!.StatusAt(Now).ShouldBe("ended");
    }

    [Fact]
    public void more_than_5_wrong_codes_in_15_minutes_block_the_next_try_until_the_oldest_leaves_the_window()
    {
        ShareCodeAttempts? attempts = null;
        for (var i = 0; i < 5; i++)
            attempts = ShareCodeAttempts.After(attempts, "dr-lee", Now.AddMinutes(i));

        (attempts!.Blocked(Now.AddMinutes(5)), attempts.Blocked(Now.AddMinutes(15))).ShouldBe((true, false));
        attempts.RetryAfter(Now.AddMinutes(5)).ShouldBe(TimeSpan.FromMinutes(10));
    }
}
