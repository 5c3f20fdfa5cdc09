using System.Text.RegularExpressions;

namespace HipLog.Api.Infrastructure;

/// <summary>
/// Wolverine answers an unreadable body with the serializer's own message, which names .NET types.
/// This rewrites it in the contract's terms and, where the serializer knew the field, lists it under "errors".
/// </summary>
public static partial class JsonProblems
{
    private const string WolverineTitle = "Invalid JSON format";

    public static void Rewrite(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Title != WolverineTitle || problem.Detail is not { } detail)
            return;

        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(JsonProblems))
            .LogInformation("{Method} {Path}: the body could not be read", context.HttpContext.Request.Method, context.HttpContext.Request.Path);
        problem.Title = "The request body could not be read";
        problem.Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1";
        var message = DotNetTypeName().Replace(LocationSuffix().Replace(detail, ""), "the expected type");

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
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [field] = ["Wrong type or unknown value: see the API description for the allowed values."] };
        }
        else
        {
            problem.Detail = message;
        }
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
