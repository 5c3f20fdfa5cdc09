using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HipLog.Api.DataRights;
using HipLog.Api.Pain;
using HipLog.Api.Runs;
using HipLog.Api.Stretching;
using HipLog.Api.Webhooks;
using HipLog.Domain.Watch;
using HipLog.Domain.Wire;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Validation;

namespace HipLog.Tests.Support.Clients;

/// <summary>What a runner takes with them: read from the ZIP itself, never from the list endpoints.</summary>
public sealed record Export(string? MediaType, string? ContentDisposition, Dictionary<string, string> Files)
{
    public static readonly string[] Names =
        ["hiplog-export.json", "runs.csv", "pain-reports.csv", "stretch-sessions.csv", "recommendations.csv",
            "pain-observations.fhir.json"];

    /// <summary>hiplog-export.json as records, read as strictly as the Api reads requests.</summary>
    public ExportedLog Log => ExportedLog.Of(Files["hiplog-export.json"]);

    public static async Task<Export> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, Encoding.UTF8.GetString(bytes));
            await using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            var files = new Dictionary<string, string>();
            foreach (var entry in zip.Entries)
            {
                using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                files[entry.FullName] = await reader.ReadToEndAsync();
            }

            return new Export(response.Content.Headers.ContentType?.MediaType,
                response.Content.Headers.TryGetValues("Content-Disposition", out var disposition) ? disposition.Single() : null, files);
        }
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

/// <summary>hiplog-export.json: the profile, the feed's date, the entries as the Api answers them, each recommendation with its
/// statuses, the webhook deliveries and every event.</summary>
public sealed record ExportedLog(
    string Format, int FormatVersion, string RunnerId, DateTimeOffset ExportedAt, ExportedProfile? Profile,
    ExportedCalendarFeed? CalendarFeed, IReadOnlyList<RunResponse> Runs, IReadOnlyList<PainReportResponse> PainReports,
    IReadOnlyList<StretchSessionResponse> StretchSessions, IReadOnlyList<ExportedRecommendation> Recommendations,
    IReadOnlyList<WebhookDeliveryResponse> WebhookDeliveries, IReadOnlyList<Api.DataRights.ExportedShare> Shares,
    IReadOnlyList<ExportedEvent> Events)
{
    /// <summary>Each recommendation is written as GET /recommendations answers it, with its status history beside its fields.</summary>
    public static ExportedLog Of(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        var recommendations = node["recommendations"]!.AsArray().Select(r =>
        {
            var fields = r!.AsObject();
            var history = fields["statusHistory"]!.Deserialize<List<RecommendationStatusChange>>(HipLogJson.Wire)!;
            fields.Remove("statusHistory");
            return new ExportedRecommendation(fields.Deserialize<RecommendationPayload>(HipLogJson.Wire)!, history);
        }).ToList();
        node.Remove("recommendations");
        node["recommendations"] = new JsonArray();
        return node.Deserialize<ExportedLog>(HipLogJson.Wire)! with { Recommendations = recommendations };
    }
}

public sealed record ExportedRecommendation(RecommendationPayload Recommendation, IReadOnlyList<RecommendationStatusChange> StatusHistory);

/// <param name="Type">The event's type in kebab case; Data is written in the wire format.</param>
public sealed record ExportedEvent(string Stream, long Version, long Sequence, string Type, DateTimeOffset RecordedAt, JsonElement Data);
