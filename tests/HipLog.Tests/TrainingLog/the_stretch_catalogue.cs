using System.Net;
using HipLog.Domain.Stretching;
using HipLog.Tests.Infrastructure;

namespace HipLog.Tests.TrainingLog;

public sealed class the_stretch_catalogue(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    [Fact]
    public async Task lists_the_articles_exercises_with_holds_steps_and_cautions_without_a_token()
    {
        var catalogue = (await (await api.CreateClient().GetAsync("/stretches")).ShouldBeJson(HttpStatusCode.OK)).AsArray();

        catalogue.Select(e => e!["id"]!.GetValue<string>()).ShouldBe(
        [
            "half-lord-of-the-fishes", "lizard-lower-lunge", "garland-pose", "hip-flexor-roll-out", "single-leg-knee-lift", "hip-flexor-support-taping",
        ]);
        foreach (var exercise in catalogue)
        {
            exercise!["name"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
            exercise["targets"]!.AsArray().ShouldNotBeEmpty();
            exercise["steps"]!.AsArray().ShouldNotBeEmpty();
            exercise["cautions"]!.AsArray().ShouldNotBeEmpty();
        }

        var lunge = catalogue.Single(e => e!["id"]!.GetValue<string>() == "lizard-lower-lunge")!;
        lunge["hold"]!.ToJsonString().ShouldBe("""{"breathsMin":8,"breathsMax":10,"seconds":null,"sides":"each-side","sets":1,"reps":1}""");
        lunge["targets"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldContain("psoas");
        var kneeLift = catalogue.Single(e => e!["id"]!.GetValue<string>() == "single-leg-knee-lift")!;
        kneeLift["hold"]!.ToJsonString().ShouldBe("""{"breathsMin":null,"breathsMax":null,"seconds":10,"sides":"each-side","sets":3,"reps":10}""");
        catalogue.Single(e => e!["id"]!.GetValue<string>() == "hip-flexor-support-taping")!["canBePrescribed"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task one_exercise_by_id_or_a_404()
    {
        var client = api.CreateClient();

        (await (await client.GetAsync("/stretches/garland-pose")).ShouldBeJson(HttpStatusCode.OK))["kind"]!.GetValue<string>().ShouldBe("stretch");
        await (await client.GetAsync("/stretches/pigeon-pose")).ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public void catalogue_ids_are_stable_kebab_case_and_unique()
    {
        StretchCatalogue.All.Select(e => e.Id).ShouldBeUnique();
        StretchCatalogue.All.ShouldAllBe(e => System.Text.RegularExpressions.Regex.IsMatch(e.Id, "^[a-z]+(-[a-z]+)*$"));
        StretchCatalogue.Find("lizard-lower-lunge")!.Dose.EachSide.ShouldBeTrue();
        StretchCatalogue.Find("LIZARD-LOWER-LUNGE").ShouldBeNull();
    }
}
