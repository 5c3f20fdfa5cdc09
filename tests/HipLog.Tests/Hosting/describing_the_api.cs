using System.Net;
using System.Text.Json.Nodes;
using HipLog.Tests.Support;

namespace HipLog.Tests.Hosting;

/// <summary>The OpenAPI document, read as the document it is: its nodes are the wire format a client generator reads.</summary>
public sealed class describing_the_api(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly string[] Writes =
    [
        "put /runners/{runnerId}/profile", "post /runners/{runnerId}/runs", "put /runners/{runnerId}/runs/{runId}",
        "post /runners/{runnerId}/pain-reports", "put /runners/{runnerId}/pain-reports/{reportId}",
            "post /runners/{runnerId}/stretch-sessions",
    ];

    private static readonly string[] Others =
    [
        "get /runners/{runnerId}/profile", "get /runners/{runnerId}/runs", "get /runners/{runnerId}/runs/{runId}",
            "delete /runners/{runnerId}/runs/{runId}",
        "get /runners/{runnerId}/pain-reports", "get /runners/{runnerId}/pain-reports/{reportId}",
            "delete /runners/{runnerId}/pain-reports/{reportId}",
        "get /runners/{runnerId}/stretch-sessions", "get /runners/{runnerId}/stretch-sessions/{sessionId}", "get /stretches",
            "get /runners/{runnerId}/timeline",
    ];

    private async Task<JsonNode> Document() =>
        await (await fixture.Api.CreateClient().GetAsync("/openapi/v1.json")).ShouldBeJson(HttpStatusCode.OK);

    [Fact]
    public async Task every_training_log_endpoint_is_described_by_a_summary_with_its_success_answer()
    {
        var paths = (await Document())["paths"]!.AsObject();

        foreach (var endpoint in Writes.Concat(Others))
        {
            var (method, path) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
            var operation = paths[path]?[method];
            operation.ShouldNotBeNull(endpoint);
            operation["summary"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace(endpoint);
            operation["responses"]!.AsObject().Select(r => r.Key).ShouldContain(k => k.StartsWith('2'), endpoint);
        }
    }

    [Fact]
    public async Task every_write_describes_its_body_by_its_required_fields_with_an_example()
    {
        var document = await Document();
        var (paths, schemas) = (document["paths"]!.AsObject(), document["components"]!["schemas"]!.AsObject());

        foreach (var endpoint in Writes)
        {
            var (method, path) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
            var reference = paths[path]![method]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
            var schema = schemas[reference.Split('/')[^1]]!;
            schema["examples"]!.AsArray().ShouldNotBeEmpty(endpoint);
            schema["required"]!.AsArray().ShouldNotBeEmpty(endpoint);
        }
    }

    [Fact]
    public async Task options_are_described_as_the_api_spells_them()
    {
        (await Document())["components"]!["schemas"]!["PainLocation"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>())
            .ShouldContain("front-hip");
    }

    [Fact]
    public async Task the_catalogue_is_described_as_public()
    {
        var paths = (await Document())["paths"]!.AsObject();

        foreach (var path in new[] { "/stretches", "/stretches/{exerciseId}" })
            paths[path]!["get"]!["security"]!.AsArray().ShouldBeEmpty(path);
    }

    [Fact]
    public async Task every_runner_path_is_described_as_needing_the_token()
    {
        var document = await Document();

        document["security"]!.AsArray().Single()!.AsObject().Select(r => r.Key).ShouldBe(["bearer"]);
        var runnerPaths = document["paths"]!.AsObject()
            .Where(p => p.Key.StartsWith("/runners/{runnerId}/", StringComparison.Ordinal) && !p.Key.EndsWith("/report"));
        foreach (var (path, item) in runnerPaths)
            foreach (var (method, operation) in item!.AsObject())
                operation!["security"].ShouldBeNull($"{method} {path} keeps the document's bearer requirement");
    }

    [Theory]
    [InlineData("/runners/{runnerId}/runs")]
    [InlineData("/runners/{runnerId}/pain-reports")]
    [InlineData("/runners/{runnerId}/stretch-sessions")]
    [InlineData("/runners/{runnerId}/recommendations")]
    [InlineData("/runners/{runnerId}/webhook-deliveries")]
    public async Task every_list_is_described_as_pages_taking_a_limit_with_a_cursor(string path)
    {
        var document = await Document();
        var operation = document["paths"]![path]!["get"]!;

        operation["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ShouldContain("limit");
        operation["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ShouldContain("cursor");
        var reference = operation["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
        var page = document["components"]!["schemas"]![reference.Split('/')[^1]]!;
        page["properties"]!.AsObject().Select(p => p.Key).Order().ShouldBe(["items", "next"]);
    }

    [Theory]
    [InlineData("/runners/{runnerId}/runs")]
    [InlineData("/runners/{runnerId}/pain-reports")]
    [InlineData("/runners/{runnerId}/stretch-sessions")]
    [InlineData("/runners/{runnerId}/recommendations")]
    [InlineData("/runners/{runnerId}/webhook-deliveries")]
    public async Task every_list_describes_the_400_of_a_limit_or_cursor_it_cannot_read(string path)
    {
        (await Document())["paths"]![path]!["get"]!["responses"]!.AsObject().Select(r => r.Key).ShouldContain("400");
    }
}
