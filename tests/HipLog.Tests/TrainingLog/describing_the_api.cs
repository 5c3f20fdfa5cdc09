using System.Net;
using System.Text.Json.Nodes;
using HipLog.Tests.Infrastructure;

namespace HipLog.Tests.TrainingLog;

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
            "post /runners/{runnerId}/pain-reports", "put /runners/{runnerId}/pain-reports/{reportId}", "post /runners/{runnerId}/stretch-sessions",
        ];
        string[] others =
        [
            "get /runners/{runnerId}/profile", "get /runners/{runnerId}/runs", "get /runners/{runnerId}/runs/{runId}", "delete /runners/{runnerId}/runs/{runId}",
            "get /runners/{runnerId}/pain-reports", "get /runners/{runnerId}/pain-reports/{reportId}", "delete /runners/{runnerId}/pain-reports/{reportId}",
            "get /runners/{runnerId}/stretch-sessions", "get /runners/{runnerId}/stretch-sessions/{sessionId}", "get /stretches", "get /runners/{runnerId}/timeline",
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

        document["components"]!["schemas"]!["PainLocation"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ShouldContain("front-hip");
    }
}
