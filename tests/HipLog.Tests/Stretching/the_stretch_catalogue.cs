using System.Net;
using HipLog.Domain.Stretching;
using HipLog.Tests.Support;

namespace HipLog.Tests.Stretching;

public sealed class the_stretch_catalogue(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task lists_the_articles_exercises_with_holds_steps_and_cautions_without_a_token()
    {
        var catalogue = (await (await api.CreateClient().GetAsync("/stretches")).ShouldBeJson(HttpStatusCode.OK)).AsArray();

        catalogue.Select(e => e!["id"]!.GetValue<string>()).ShouldBe(
        [
            "half-lord-of-the-fishes", "lizard-lower-lunge", "garland-pose", "hip-flexor-roll-out", "single-leg-knee-lift",
                "hip-flexor-support-taping",
        ]);
        foreach (var exercise in catalogue)
        {
            exercise!["name"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
            exercise["targets"]!.AsArray().ShouldNotBeEmpty();
            exercise["steps"]!.AsArray().ShouldNotBeEmpty();
            exercise["cautions"]!.AsArray().ShouldNotBeEmpty();
        }

        var lunge = catalogue.Single(e => e!["id"]!.GetValue<string>() == "lizard-lower-lunge")!;
        lunge["hold"]!.ToJsonString()
            .ShouldBe("""{"breathsMin":8,"breathsMax":10,"seconds":null,"sides":"each-side","sets":1,"reps":1,"durationSeconds":null}""");
        lunge["targets"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldContain("psoas");
        var kneeLift = catalogue.Single(e => e!["id"]!.GetValue<string>() == "single-leg-knee-lift")!;
        kneeLift["hold"]!.ToJsonString()
            .ShouldBe("""{"breathsMin":null,"breathsMax":null,"seconds":"""
                      + """10,"sides":"each-side","sets":3,"reps":10,"durationSeconds":null}""");
        var rollOut = catalogue.Single(e => e!["id"]!.GetValue<string>() == "hip-flexor-roll-out")!;
        rollOut["hold"]!.ToJsonString()
            .ShouldBe("""{"breathsMin":null,"breathsMax":null,"seconds":"""
                      + """null,"sides":"each-side","sets":1,"reps":1,"durationSeconds":60}""");
        catalogue.Single(e => e!["id"]!.GetValue<string>() == "hip-flexor-support-taping")!["canBePrescribed"]!.GetValue<bool>()
            .ShouldBeFalse();
    }

    [Fact]
    public async Task one_exercise_by_id_or_a_404()
    {
        var client = api.CreateClient();

        (await (await client.GetAsync("/stretches/garland-pose")).ShouldBeJson(HttpStatusCode.OK))["kind"]!.GetValue<string>()
            .ShouldBe("stretch");
        await (await client.GetAsync("/stretches/pigeon-pose")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public void catalogue_ids_are_unique()
    {
        StretchCatalogue.All.Select(e => e.Id).ShouldBeUnique();
    }

    [Fact]
    public void catalogue_ids_are_kebab_case_found_as_written()
    {
        StretchCatalogue.All.ShouldAllBe(e => System.Text.RegularExpressions.Regex.IsMatch(e.Id, "^[a-z]+(-[a-z]+)*$"));
        StretchCatalogue.Find("lizard-lower-lunge")!.Dose.EachSide.ShouldBeTrue();
        StretchCatalogue.Find("LIZARD-LOWER-LUNGE").ShouldBeNull();
    }

    [Fact]
    public void every_exercise_a_routine_can_prescribe_says_how_long()
    {
        StretchCatalogue.All.Where(e => e.CanBePrescribed)
            .ShouldAllBe(e => e.Dose.HoldBreathsMin != null || e.Dose.HoldSeconds != null || e.Dose.DurationSeconds != null);
        foreach (var location in Enum.GetValues<HipLog.Domain.Pain.PainLocation>())
            HipLog.Domain.Watch.RoutinePlanner.Choose(location, [], HipLog.Domain.Watch.PainWatchOptions.Default)
                .ShouldAllBe(e => e.HoldBreaths != null || e.HoldSeconds != null || e.DurationSeconds != null, location.ToString());
    }

    [Fact]
    public void a_routine_stored_before_the_roll_out_had_a_time_is_shown_with_the_catalogues()
    {
        var stored = new HipLog.Domain.Watch.PrescribedExercise("hip-flexor-roll-out", "Hip-flexor foam roll-out", null, null, "each-side",
            1, 1, "It works on hip flexors.");

        stored.WithHowLong().DurationSeconds.ShouldBe(StretchCatalogue.RollOutSeconds);
        var lunge = new HipLog.Domain.Watch.PrescribedExercise("lizard-lower-lunge", "Lizard lower lunge", 10, null, "each-side", 1, 1, "");
        lunge.WithHowLong().ShouldBe(lunge);
    }
}
