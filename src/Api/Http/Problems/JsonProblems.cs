using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using HipLog.Domain.Wire;
using HipLog.ServiceDefaults;
using Microsoft.AspNetCore.Http.Metadata;

namespace HipLog.Api.Http.Problems;

/// <summary>A request body whose fields can be checked once it is read: the checks its endpoint's Validate runs.</summary>
public interface ICheckedRequest
{
    FieldErrors CheckFields(IServiceProvider services);
}

/// <summary>
/// Wolverine answers an unreadable body with the serializer's own message, which names .NET types, and the serializer
/// stops at the first unknown field or unknown option. This reads the body again, field by field: every unknown field,
/// value of the wrong type and unknown option is named, and the rest of the body is checked as usual, so one 400 lists
/// every field that needs fixing.
/// </summary>
public static partial class JsonProblems
{
    private const string WolverineTitle = "Invalid JSON format";

    public static void Rewrite(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Title != WolverineTitle || problem.Detail is not { } detail)
            return;

        var http = context.HttpContext;
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(JsonProblems))
            .LogInformation("{Method} {Path}: the body could not be read", http.Request.Method, LoggedPaths.Of(http.Request));
        problem.Title = "The request body could not be read";
        problem.Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1";

        if (FieldByField(http) is { Count: > 0 } errors)
        {
            problem.Title = "The request has invalid fields";
            problem.Detail = "Fix every field under 'errors': " + string.Join(" ", errors.Select(e => $"'{e.Key}': {e.Value[0]}"));
            problem.Extensions["errors"] = errors;
            return;
        }

        var unknown = UnknownProperty().Match(detail);
        var path = JsonPath().Match(detail);
        if (unknown.Success)
        {
            problem.Detail = $"'{unknown.Groups[1].Value}' is not a field of this request.";
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [unknown.Groups[1].Value] = ["Unknown field."] };
        }
        else if (path.Success && path.Groups[1].Value is { Length: > 0 } field)
        {
            problem.Detail = $"'{field}' has a value of the wrong type or an unknown option.";
            problem.Extensions["errors"] = new Dictionary<string,
                string[]> { [field] = ["Wrong type or unknown value: see the API description for the allowed values."] };
        }
        else
        {
            problem.Detail = DotNetTypeName().Replace(LocationSuffix().Replace(detail, ""), "the expected type");
        }
    }

    /// <summary>Null when the body is not JSON at all (a syntax error) or its endpoint reads no known request type.</summary>
    private static Dictionary<string, string[]>? FieldByField(HttpContext http)
    {
        if (RequestBodies.JsonOf(http) is not { } kept
            || http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType is not { } type)
            return null;

        var options = HipLogJson.Wire;
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(kept, new JsonNodeOptions { PropertyNameCaseInsensitive = options.PropertyNameCaseInsensitive });
        }
        catch (JsonException)
        {
            return null;
        }

        var shape = new Dictionary<string, string>(StringComparer.Ordinal);
        body = Clean(body, options.GetTypeInfo(type), "", options, shape);
        if (shape.Count == 0)
            return null;

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        try
        {
            // What is left reads: the endpoint's own checks name the other fields (a field taken out as unreadable reads as
            // missing there, and keeps the reason it was taken out).
            if (body.Deserialize(type, options) is ICheckedRequest checkable && checkable.CheckFields(http.RequestServices)
                .ToProblem() is { } checkedProblem
                && checkedProblem.Extensions.TryGetValue("errors", out var found) && found is IDictionary<string, string[]> more)
                foreach (var (field, messages) in more)
                    errors[field] = messages;
        }
        catch (JsonException)
        {
        }

        foreach (var (field, message) in shape)
            errors[field] = [message];
        return errors;
    }

    /// <summary>The node with every unknown field and unreadable value taken out, each one named in <paramref name="shape"/>.</summary>
    private static JsonNode? Clean(JsonNode? node, JsonTypeInfo info, string path, JsonSerializerOptions options, Dictionary<string,
        string> shape) =>
        (node, info.Kind) switch
        {
            (null, _) => null,
            (JsonObject obj, JsonTypeInfoKind.Object) => CleanObject(obj, info, path, options, shape),
            (JsonArray array, JsonTypeInfoKind.Enumerable) when info.ElementType is { } element
                => CleanArray(array, options.GetTypeInfo(element), path, options, shape),
            _ => Readable(node, info.Type, options) ? node : Unreadable(shape, path, info.Type),
        };

    private static JsonObject CleanObject(JsonObject obj, JsonTypeInfo info, string path, JsonSerializerOptions options, Dictionary<string,
        string> shape)
    {
        foreach (var (name, value) in obj.ToList())
        {
            var property = info.Properties.FirstOrDefault(p => string.Equals(p.Name, name,
                options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
            if (property is null)
            {
                shape[path.Length == 0 ? name : $"{path}.{name}"] = "Unknown field.";
                obj.Remove(name);
                continue;
            }

            var cleaned = Clean(value, options.GetTypeInfo(property.PropertyType), path.Length == 0 ? property.Name
                : $"{path}.{property.Name}", options, shape);
            if (ReferenceEquals(cleaned, value))
                continue;
            obj.Remove(name);
            if (cleaned is not null)
                obj[name] = cleaned;
        }

        return obj;
    }

    private static JsonArray CleanArray(JsonArray array, JsonTypeInfo element, string path, JsonSerializerOptions options,
        Dictionary<string, string> shape)
    {
        for (var i = 0; i < array.Count; i++)
        {
            var cleaned = Clean(array[i], element, $"{path}[{i}]", options, shape);
            if (!ReferenceEquals(cleaned, array[i]))
                array[i] = cleaned?.DeepClone();
        }

        return array;
    }

    private static bool Readable(JsonNode node, Type type, JsonSerializerOptions options)
    {
        try
        {
            node.Deserialize(type, options);
            return true;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    private static JsonNode? Unreadable(Dictionary<string, string> shape, string path, Type type)
    {
        shape[path] = Expected(type);
        return null;
    }

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
            return "Unknown option: use one of " + string.Join(", ", Enum.GetNames(type).Select(Domain.Wire.Kebab.Of)) + ".";
        if (type == typeof(DateTimeOffset))
            return "Use an ISO 8601 date-time with an offset, such as 2026-11-25T07:10:00+01:00.";
        if (type == typeof(TimeOnly))
            return "Use a local clock time as HH:mm, such as 07:30.";
        if (type == typeof(int) || type == typeof(long))
            return "Must be a whole number.";
        if (type == typeof(double) || type == typeof(decimal))
            return "Must be a number.";
        if (type == typeof(bool))
            return "Must be true or false.";
        if (type == typeof(Guid))
            return "Must be an id such as 0193a5b0-7c1e-7d2a-9f00-1a2b3c4d5e6f.";
        if (type == typeof(string))
            return "Must be a string.";
        return "Wrong type: see the API description for this field.";
    }

    [GeneratedRegex(@"The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnknownProperty();

    [GeneratedRegex(@"Path: \$\.?([^ |]*)")]
    private static partial Regex JsonPath();

    [GeneratedRegex(@"\s*(Path:|LineNumber:).*$")]
    private static partial Regex LocationSuffix();

    [GeneratedRegex(@"\b(HipLog|System)(\.[A-Za-z0-9_`\[\]]+)+")]
    private static partial Regex DotNetTypeName();
}
