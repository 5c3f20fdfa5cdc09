using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using HipLog.Api.Http;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using HipLog.Tests.Support;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;
using Marten;
using Task = System.Threading.Tasks.Task;

namespace HipLog.Tests.DataRights;

/// <summary>What a runner takes with them: read from the ZIP itself, never from the list endpoints.</summary>
internal sealed record Export(HttpResponseMessage Response, Dictionary<string, string> Files)
{
    public static readonly string[] Names =
        ["hiplog-export.json", "runs.csv", "pain-reports.csv", "stretch-sessions.csv", "recommendations.csv",
            "pain-observations.fhir.json"];

    public JsonObject Json => JsonNode.Parse(Files["hiplog-export.json"])!.AsObject();

    public static async Task<Export> Get(HttpClient client, string runnerId)
    {
        var response = await client.GetAsync($"/runners/{runnerId}/export");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, Encoding.UTF8.GetString(bytes));
        await using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var files = new Dictionary<string, string>();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            files[entry.FullName] = await reader.ReadToEndAsync();
        }

        return new Export(response, files);
    }

    /// <summary>An RFC 4180 reader written for the test: quoted fields, doubled quotes, CRLF between records and nowhere else.</summary>
    public List<string[]> Csv(string name)
    {
        var text = Files[name];
        text.ShouldEndWith("\r\n", customMessage: name);
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"')
                    field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"')
                    field.Append(text[++i]);
                else
                    quoted = false;
            }
            else if (c == '"')
            {
                field.Length.ShouldBe(0, $"{name}: a quote inside an unquoted field");
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                rows.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else
            {
                (c is '\r' or '\n').ShouldBeFalse($"{name}: a line break outside quotes");
                field.Append(c);
            }
        }

        quoted.ShouldBeFalse(name);
        rows.ShouldAllBe(r => r.Length == rows[0].Length, name);
        return rows;
    }

    public static Dictionary<string, string> Row(List<string[]> table, int index) =>
        table[0].Zip(table[index + 1]).ToDictionary(p => p.First, p => p.Second);

    /// <summary>Firely reads the bundle strictly (unknown elements, wrong types and bad values fail) and checks cardinalities.</summary>
    public Bundle Fhir()
    {
        var bundle = new FhirJsonDeserializer(new DeserializerSettings().UsingMode(DeserializationMode.Strict, null))
            .Deserialize<Bundle>(Files["pain-observations.fhir.json"]);
        bundle.Validate(NarrativeValidationKind.FhirXhtml, null).ShouldBeEmpty();
        return bundle;
    }
}

[Collection(PainWatchCollection.Name)]
public sealed class exporting_everything
{
    private const string Runner = "runner-export";
    private const string Tricky = "Hills, then \"sharp\"\non the stairs";

    [Fact]
    public async Task a_runner_takes_their_whole_log_with_them_in_one_zip()
    {
        await using var scenario = await WatchScenario.StartAsync("export", DateTimeOffset.Parse("2026-11-25T20:00:00Z"),
            settings: WatchScenario.LoopbackWebhooks);
        var client = scenario.Api.ClientFor(Runner);
        // Nothing listens on the discard port: every attempt fails, and each is recorded.
        var profile = await (await client.PutJson($"/runners/{Runner}/profile",
            new { displayName = "Ana", timeZone = "Europe/Berlin", webhookUrl = "http://127.0.0.1:9/hook" }))
                .ShouldBeJson(HttpStatusCode.Created);
        var secret = profile["webhookSecret"]!.GetValue<string>();

        var corrected = await client.Create($"/runners/{Runner}/runs", Scenarios.Run("2026-11-24T07:10:00+01:00").With("notes", Tricky));
        var retracted = await client.Create($"/runners/{Runner}/runs", Scenarios.Run("2026-11-25T07:10:00+01:00"));
        (await client.PutJson($"/runners/{Runner}/runs/{corrected}", Scenarios.Run("2026-11-24T07:10:00+01:00", 9.1).With("notes", Tricky)))
            .EnsureSuccessStatusCode();
        (await client.DeleteAsync($"/runners/{Runner}/runs/{retracted}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var mild = await client.Create($"/runners/{Runner}/pain-reports",
            Scenarios.Pain("2026-11-24T09:00:00+01:00", 3).With("notes", Tricky).With("runId", corrected));
        var night = await client.Create($"/runners/{Runner}/pain-reports",
            Scenarios.Pain("2026-11-25T20:30:00+01:00", 5).With("timing", "at-night").With("redFlags", new { painAtNight = true })
                .With("notes", null));
        var stretch = await client.Create($"/runners/{Runner}/stretch-sessions", Scenarios.Session("2026-11-25T19:00:00+01:00")
            .With("notes", "90/90, then \"lizard\""));

        var advice = await scenario.WaitFor(Runner, r => r.Status == RecommendationStatus.Delivered, "the clinician advisory");
        await Eventually.Get(async () =>
        {
            await using var session = scenario.Api.Store.QuerySession();
            return await session.Query<WebhookDelivery>().Where(d => d.RunnerId == Runner)
                .FirstOrDefaultAsync() is { Attempts.Count: > 0 } d ? d : null;
        }, "a failed webhook attempt");

        var export = await Export.Get(client, Runner);

        export.Response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        export.Response.Content.Headers.GetValues("Content-Disposition").Single()
            .ShouldBe($"attachment; filename=\"hiplog-export-{Runner}.zip\"");
        export.Files.Keys.Order().ShouldBe(Export.Names.Order());
        export.Files.Values.ShouldAllBe(text => !text.Contains(secret), "the webhook secret is never exported");
        var key = secret["whsec_".Length..];
        export.Files.Values.ShouldAllBe(text => !text.Contains(key));

        var json = export.Json;
        json["runnerId"]!.GetValue<string>().ShouldBe(Runner);
        json["profile"]!["displayName"]!.GetValue<string>().ShouldBe("Ana");
        json["profile"]!["webhookUrl"]!.GetValue<string>().ShouldBe("http://127.0.0.1:9/hook");
        json["profile"]!.AsObject().Select(p => p.Key).ShouldNotContain(k => k.Contains("secret", StringComparison.OrdinalIgnoreCase));
        var runs = json["runs"]!.AsArray();
        runs.Select(r => r!["id"]!.GetValue<Guid>()).ShouldBe([corrected]);
        runs[0]!["distanceKm"]!.GetValue<double>().ShouldBe(9.1);
        runs[0]!["corrections"]!.GetValue<int>().ShouldBe(1);
        runs[0]!["notes"]!.GetValue<string>().ShouldBe(Tricky);
        json["painReports"]!.AsArray().Select(r => r!["id"]!.GetValue<Guid>()).ShouldBe([mild, night]);
        json["stretchSessions"]!.AsArray().Single()!["id"]!.GetValue<Guid>().ShouldBe(stretch);

        var recommendation = json["recommendations"]!.AsArray().Single()!;
        recommendation["id"]!.GetValue<string>().ShouldBe(advice.Id);
        recommendation["kind"]!.GetValue<string>().ShouldBe("clinician-referral");
        recommendation["statusHistory"]!.AsArray().Select(s => $"{s!["status"]} {s["version"]} {s["event"]}")
            .ShouldBe(["scheduled 1 pain-rise-detected", "delivered 2 clinician-referral-advised"]);
        var delivery = json["webhookDeliveries"]!.AsArray().Single()!;
        delivery["recommendationId"]!.GetValue<string>().ShouldBe(advice.Id);
        delivery["attempts"]![0]!["error"]!.GetValue<string>().ShouldBe("connection-failed");

        // Every event, in each stream's order, the retracted run's included.
        var events = json["events"]!.AsArray().Select(e => e!.AsObject()).ToList();
        var own = events.Where(e => e["stream"]!.GetValue<string>() == Runner).ToList();
        own.Select(e => e["type"]!.GetValue<string>()).ShouldBe([
            "runner-registered", "run-logged", "run-logged", "run-corrected", "run-retracted", "pain-reported", "pain-reported",
                "stretch-session-completed"]);
        own.Select(e => e["version"]!.GetValue<long>()).ShouldBe([1, 2, 3, 4, 5, 6, 7, 8]);
        own.Select(e => e["sequence"]!.GetValue<long>()).ShouldBeInOrder();
        own.ShouldAllBe(e => e["recordedAt"]!.GetValue<string>().EndsWith("+01:00"));
        own.Where(e => e["data"]!["runId"] != null && e["data"]!["runId"]!.GetValue<Guid>() == retracted)
            .Select(e => e["type"]!.GetValue<string>())
            .ShouldBe(["run-logged", "run-retracted"]);
        own[1]["data"]!["run"]!["surface"]!.GetValue<string>().ShouldBe("trail");
        events.Skip(own.Count).Select(e => $"{e["stream"]} {e["version"]} {e["type"]}")
            .ShouldBe([$"{advice.Id} 1 pain-rise-detected", $"{advice.Id} 2 clinician-referral-advised"]);

        // The CSVs: standing entries only, one row each, the notes intact through quoting.
        var runsCsv = export.Csv("runs.csv");
        runsCsv.Count.ShouldBe(2);
        var run = Export.Row(runsCsv, 0);
        run["id"].ShouldBe(corrected.ToString());
        run["distanceKm"].ShouldBe("9.1");
        run["startedAt"].ShouldBe("2026-11-24T07:10:00+01:00");
        run["notes"].ShouldBe(Tricky);
        export.Files["runs.csv"].ShouldNotContain(retracted.ToString());
        var painCsv = export.Csv("pain-reports.csv");
        painCsv[0].ShouldBe(["id", "reportedAt", "score", "location", "side", "timing", "character", "runId",
            "painAtRest", "painAtNight", "cannotBearWeight", "painWhenHopping", "notes", "corrections"]);
        painCsv.Skip(1).Select(r => r[0]).ShouldBe([mild.ToString(), night.ToString()]);
        Export.Row(painCsv, 0)["notes"].ShouldBe(Tricky);
        Export.Row(painCsv, 0)["runId"].ShouldBe(corrected.ToString());
        Export.Row(painCsv, 1)["painAtNight"].ShouldBe("true");
        Export.Row(export.Csv("stretch-sessions.csv"), 0)["notes"].ShouldBe("90/90, then \"lizard\"");
        Export.Row(export.Csv("stretch-sessions.csv"), 0)["exercises"].ShouldBe("lizard-lower-lunge both 8 breaths 1x1");
        var recommendationsCsv = export.Csv("recommendations.csv");
        recommendationsCsv.Count.ShouldBe(2);
        Export.Row(recommendationsCsv, 0)["status"].ShouldBe("delivered");
        Export.Row(recommendationsCsv, 0)["reasons"].ShouldBe("red-flag:pain-at-night");

        // FHIR: one Observation per standing pain report, as a clinician's system would read it.
        var bundle = export.Fhir();
        bundle.Type.ShouldBe(Bundle.BundleType.Collection);
        var observations = bundle.Entry.Select(e => e.Resource).Cast<Observation>().ToList();
        observations.Select(o => o.Id).ShouldBe([mild.ToString(), night.ToString()]);
        observations.ShouldAllBe(o => o.Code!.Coding.Any(c => c.System == "http://loinc.org" && c.Code == "72514-3"));
        observations.Select(o => ((Integer)o.Value!).Value).ShouldBe([3, 5]);
        ((FhirDateTime)observations[0].Effective!).Value.ShouldBe("2026-11-24T09:00:00+01:00");
        observations[0].BodySite!.Coding.Single().Code.ShouldBe("front-hip");
        observations[0].BodySite!.Text.ShouldBe("Front hip, left");
        observations[0].Note.Single().Text!.ToString().ShouldBe(Tricky);
        observations[0].Subject!.Identifier!.Value.ShouldBe(Runner);
        Component(observations[0], "laterality").ShouldBe("7771000");
        Component(observations[0], "timing").ShouldBe("after-run");
        Component(observations[1], "timing").ShouldBe("at-night");
        Component(observations[1], "pain-at-night").ShouldBe("true");
        Component(observations[0], "pain-at-night").ShouldBe("false");
        bundle.Entry.ShouldAllBe(e => e.FullUrl == "urn:uuid:" + e.Resource!.Id);
    }

    private static string Component(Observation observation, string code) =>
        observation.Component.Single(c => c.Code!.Coding.Any(x => x.Code == code)).Value switch
        {
            CodeableConcept concept => concept.Coding.Single().Code!,
            FhirBoolean flag => flag.Value!.Value ? "true" : "false",
            var other => other?.ToString() ?? "",
        };
}

public sealed class exporting_an_empty_log(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task a_runner_with_only_a_profile_gets_every_file_with_nothing_in_it()
    {
        var client = fixture.Api.ClientFor("runner-export-empty");
        (await client.PutJson("/runners/runner-export-empty/profile", new { displayName = "Eve", timeZone = "Europe/Lisbon" }))
            .EnsureSuccessStatusCode();

        var export = await Export.Get(client, "runner-export-empty");

        export.Files.Keys.Order().ShouldBe(Export.Names.Order());
        var json = export.Json;
        json["profile"]!["timeZone"]!.GetValue<string>().ShouldBe("Europe/Lisbon");
        foreach (var list in new[] { "runs", "painReports", "stretchSessions", "recommendations", "webhookDeliveries" })
            json[list]!.AsArray().ShouldBeEmpty(list);
        json["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ShouldBe(["runner-registered"]);
        foreach (var csv in new[] { "runs.csv", "pain-reports.csv", "stretch-sessions.csv", "recommendations.csv" })
            export.Csv(csv).Count.ShouldBe(1, csv);
        export.Fhir().Entry.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_runner_who_logged_before_making_a_profile_still_gets_their_log()
    {
        var client = fixture.Api.ClientFor("runner-export-noprofile");
        var run = await client.Create("/runners/runner-export-noprofile/runs", Scenarios.Run());

        var json = (await Export.Get(client, "runner-export-noprofile")).Json;

        json["profile"].ShouldBeNull();
        json["runs"]!.AsArray().Single()!["id"]!.GetValue<Guid>().ShouldBe(run);
    }

    [Fact]
    public async Task a_runner_of_whom_nothing_is_recorded_gets_a_404_and_another_runner_a_403()
    {
        await (await fixture.Api.ClientFor("runner-export-nobody").GetAsync("/runners/runner-export-nobody/export"))
            .ShouldBeProblem(HttpStatusCode.NotFound);

        var owner = fixture.Api.ClientFor("runner-export-owner");
        (await owner.PutJson("/runners/runner-export-owner/profile", new { displayName = "Olga", timeZone = "UTC" }))
            .EnsureSuccessStatusCode();
        await (await fixture.Api.ClientFor("runner-export-other").GetAsync("/runners/runner-export-owner/export"))
            .ShouldBeProblem(HttpStatusCode.Forbidden);
        (await fixture.Api.CreateClient().GetAsync("/runners/runner-export-owner/export")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
