using System.Text.Json.Nodes;

namespace HipLog.Api.Hosting;

/// <summary>A body a runner could send as it is, shown with the request type on the API page.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OpenApiExampleAttribute(string json) : Attribute
{
    public JsonNode Example => JsonNode.Parse(json)!;
}
