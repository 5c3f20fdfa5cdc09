using System.Net;
using System.Text.Json.Nodes;
using HipLog.Tests.Support;

namespace HipLog.Tests.Hosting;

public sealed class describing_the_api(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task every_training_log_endpoint_is_described_with_its_schemas_and_an_example_body()
    {
        var document = await (await fixture.Api.CreateClient().GetAsync("/openapi/v1.json")).ShouldBeJson(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject();
        var schemas = document["components"]!["schemas"]!.AsObject();

        string[] writes =
        [
            "put /runners/{runnerId}/profile", "post /runners/{runnerId}/runs", "put /runners/{runnerId}/runs/{runId}",
            "post /runners/{runnerId}/pain-reports", "put /runners/{runnerId}/pain-reports/{reportId}",
                "post /runners/{runnerId}/stretch-sessions",
        ];
        string[] others =
        [
            "get /runners/{runnerId}/profile", "get /runners/{runnerId}/runs", "get /runners/{runnerId}/runs/{runId}",
                "delete /runners/{runnerId}/runs/{runId}",
            "get /runners/{runnerId}/pain-reports", "get /runners/{runnerId}/pain-reports/{reportId}",
                "delete /runners/{runnerId}/pain-reports/{reportId}",
            "get /runners/{runnerId}/stretch-sessions", "get /runners/{runnerId}/stretch-sessions/{sessionId}", "get /stretches",
                "get /runners/{runnerId}/timeline",
        ];

        foreach (var endpoint in writes.Concat(others))
        {
            var (method, path) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
            var operation = paths[path]?[method];
            operation.ShouldNotBeNull(endpoint);
            operation["summary"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace(endpoint);
            operation["responses"]!.AsObject().Select(r => r.Key).ShouldContain(k => k.StartsWith('2'), endpoint);
        }

        foreach (var endpoint in writes)
        {
            var (method, path) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);
            var reference = paths[path]![method]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
            var schema = schemas[reference.Split('/')[^1]]!;
            schema["examples"]!.AsArray().ShouldNotBeEmpty(endpoint);
            schema["required"]!.AsArray().ShouldNotBeEmpty(endpoint);
        }

        document["components"]!["schemas"]!["PainLocation"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>())
            .ShouldContain("front-hip");
    }

    [Fact]
    public async Task the_catalogue_is_described_as_public_and_every_runner_path_as_needing_the_token()
    {
        var document = await (await fixture.Api.CreateClient().GetAsync("/openapi/v1.json")).ShouldBeJson(HttpStatusCode.OK);
        var paths = document["paths"]!.AsObject();

        document["security"]!.AsArray().Single()!.AsObject().Select(r => r.Key).ShouldBe(["bearer"]);
        foreach (var path in new[] { "/stretches", "/stretches/{exerciseId}" })
            paths[path]!["get"]!["security"]!.AsArray().ShouldBeEmpty(path);
        foreach (var (path, item) in paths.Where(p => p.Key.StartsWith("/runners/{runnerId}/", StringComparison.Ordinal)
            && !p.Key.EndsWith("/report")))
            foreach (var (method, operation) in item!.AsObject())
                operation!["security"].ShouldBeNull($"{method} {path} keeps the document's bearer requirement");
    }

    [Theory]
    [InlineData("/runners/{runnerId}/runs")]
    [InlineData("/runners/{runnerId}/pain-reports")]
    [InlineData("/runners/{runnerId}/stretch-sessions")]
    [InlineData("/runners/{runnerId}/recommendations")]
    [InlineData("/runners/{runnerId}/webhook-deliveries")]
    public async Task every_list_is_described_as_pages_with_a_limit_and_a_cursor(string path)
    {
        var document = await (await fixture.Api.CreateClient().GetAsync("/openapi/v1.json")).ShouldBeJson(HttpStatusCode.OK);
        var operation = document["paths"]![path]!["get"]!;

        operation["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ShouldContain("limit");
        operation["parameters"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()).ShouldContain("cursor");
        var reference = operation["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
        var page = document["components"]!["schemas"]![reference.Split('/')[^1]]!;
        page["properties"]!.AsObject().Select(p => p.Key).Order().ShouldBe(["items", "next"]);
        operation["responses"]!.AsObject().Select(r => r.Key).ShouldContain("400");
    }
}
