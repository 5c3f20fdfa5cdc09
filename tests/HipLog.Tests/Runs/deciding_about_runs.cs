using System.Text.Json.Nodes;
using HipLog.Api.Http.Writes;
using HipLog.Api.Runs;
using HipLog.Domain.Runs;
using HipLog.Tests.Support;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Tests.Runs;

/// <summary>The run endpoints and their decisions, called directly: no host, no database.</summary>
public sealed class deciding_about_runs
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 7, 10, 0, TimeSpan.FromHours(1));

    private static readonly RunRequest Request = new(Start, 8.4, 2700, 6, Surface.Trail, "Riverside loop", "Trail 3", "easy");

    private static RunView Logged(RunDetails? run = null) => new(Guid.CreateVersion7(), "alice", run ?? Request.ToDetails(), 0);

    [Fact]
    public void a_logged_run_is_answered_201_at_its_own_location()
    {
        var (written, op) = LogRunEndpoint.Post("alice", Request);

        var logged = op.AppendsOne<RunLogged>("alice");
        written.ShouldAnswer(201, RunResponse.From(new RunView(logged.RunId, "alice", Request.ToDetails(), 0)),
            $"/runners/alice/runs/{logged.RunId}");
    }

    [Fact]
    public void a_logged_run_carries_every_field_sent_with_names_trimmed()
    {
        var (_, op) = LogRunEndpoint.Post("alice", Request with { RouteName = "  Riverside loop ", Shoes = " Trail 3" });

        op.AppendsOne<RunLogged>("alice")
            .Run.ShouldBe(new RunDetails(8.4, 2700, 6, Surface.Trail, "Riverside loop", "Trail 3", "easy", Start));
    }

    [Fact]
    public void a_run_without_effort_or_surface_is_refused_when_typed_in()
    {
        var problem = LogRunEndpoint.Validate(Request with { PerceivedEffort = null, Surface = null }, Decisions.Clock());

        problem.Extensions["errors"].ShouldBeOfType<Dictionary<string, string[]>>().Keys.Order().ShouldBe(["perceivedEffort", "surface"]);
    }

    [Fact]
    public void heart_rates_are_kept_when_a_body_can_have_them()
    {
        var (_, op) = LogRunEndpoint.Post("alice", Request with { AvgHeartRate = 148, MaxHeartRate = 171 });

        var run = op.AppendsOne<RunLogged>("alice").Run;

        (run.AvgHeartRate, run.MaxHeartRate).ShouldBe((148, 171));
    }

    [Theory]
    [InlineData(24, null, "avgHeartRate")]
    [InlineData(null, 251, "maxHeartRate")]
    [InlineData(160, 150, "maxHeartRate")]
    public void heart_rates_out_of_range_or_a_maximum_below_the_average_are_refused(int? avg, int? max, string field)
    {
        var problem = LogRunEndpoint.Validate(Request with { AvgHeartRate = avg, MaxHeartRate = max }, Decisions.Clock());

        problem.Extensions["errors"].ShouldBeOfType<Dictionary<string, string[]>>().Keys.ShouldBe([field]);
    }

    [Fact]
    public void a_correction_appends_what_changed()
    {
        var current = Logged();
        var corrected = Request with { DistanceKm = 9.1 };

        var (_, op) = CorrectRunEndpoint.Put("alice", corrected, current, Decisions.Clock());

        op.AppendsOne<RunCorrected>("alice").ShouldBe(new RunCorrected("alice", current.Id, corrected.ToDetails(), Decisions.Now));
    }

    [Fact]
    public void a_correction_is_answered_with_the_run_as_corrected()
    {
        var current = Logged();
        var corrected = Request with { DistanceKm = 9.1 };

        var (written, _) = CorrectRunEndpoint.Put("alice", corrected, current, Decisions.Clock());

        written.ShouldAnswer(200, RunResponse.From(current with { Run = corrected.ToDetails(), Corrections = 1 }));
    }

    [Fact]
    public void a_correction_that_changes_nothing_appends_nothing()
    {
        var current = Logged();

        var (written, op) = CorrectRunEndpoint.Put("alice", Request, current, Decisions.Clock());

        op.ShouldBeOfType<NoOp>();
        written.ShouldAnswer(200, RunResponse.From(current));
    }

    [Fact]
    public void a_patch_changes_only_the_fields_it_names()
    {
        var current = Logged();
        var patch = new MergePatch(JsonNode.Parse("""{ "notes": "felt fine", "shoes": null }""")!.AsObject());

        var (patched, problem) = PatchRunEndpoint.Validate(patch, current, Decisions.Clock());

        problem.ShouldBeSameAs(WolverineContinue.NoProblems);
        patched!.Request.ShouldBe(Request with { Notes = "felt fine", Shoes = null });
    }

    [Fact]
    public void a_patch_of_a_run_imported_without_effort_need_not_add_one()
    {
        var current = Logged(Request.ToDetails() with { PerceivedEffort = null, Surface = null });
        var patch = new MergePatch(JsonNode.Parse("""{ "notes": "from the watch" }""")!.AsObject());

        var (patched, _) = PatchRunEndpoint.Validate(patch, current, Decisions.Clock());

        patched!.Request.PerceivedEffort.ShouldBeNull();
    }

    [Fact]
    public void a_patch_of_a_retracted_run_is_a_404()
    {
        var patch = new MergePatch(JsonNode.Parse("""{ "notes": "x" }""")!.AsObject());

        var (_, problem) = PatchRunEndpoint.Validate(patch, null, Decisions.Clock());

        problem.Status.ShouldBe(404);
    }

    [Fact]
    public void a_retraction_is_answered_204()
    {
        var (written, _) = RetractRunEndpoint.Delete("alice", Logged(), Decisions.Clock());

        written.ShouldAnswer<NoBody>(204, null);
    }

    [Fact]
    public void a_retraction_appends_RunRetracted()
    {
        var current = Logged();

        var (_, op) = RetractRunEndpoint.Delete("alice", current, Decisions.Clock());

        op.AppendsOne<RunRetracted>("alice").ShouldBe(new RunRetracted("alice", current.Id, Decisions.Now));
    }

    [Fact]
    public void an_import_of_an_activity_already_logged_appends_nothing()
    {
        var run = Request.ToDetails();

        RunLog.Import("alice", Guid.CreateVersion7(), run with { DistanceKm = 8.45 }, [run]).ShouldBeNull();
    }

    [Fact]
    public void an_import_with_another_start_is_logged()
    {
        var run = Request.ToDetails();

        RunLog.Import("alice", Guid.Empty, run with { StartedAt = Start.AddMinutes(1) }, [run])
            .ShouldBe(new RunLogged("alice", Guid.Empty, run with { StartedAt = Start.AddMinutes(1) }));
    }
}
