using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HipLog.Api.Http.Problems;
using HipLog.Domain.Wire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Wolverine.Http;

namespace HipLog.Api.Http.Writes;

/// <summary>The PUT request a merge patch makes of an entry as it stands, with its fields checked by PUT's rules.</summary>
public sealed record Patched<TRequest>(TRequest Request) where TRequest : class;

/// <summary>
/// PATCH with a JSON merge patch (RFC 7396) on a log entry: the entry as it stands is written out in its PUT shape, the
/// patch is merged into it (a field sent replaces it, null removes it, an object merges field by field, an array is
/// replaced whole), and the result is read back as the PUT request, for the same rules to judge it. So PATCH and PUT
/// can never disagree about what a valid entry is, and a field left out of a PATCH is never lost.
/// </summary>
public sealed partial class MergePatch(JsonObject fields)
{
    public const string MediaType = "application/merge-patch+json";

    /// <summary>The patch a request carries, or the problem that stops it: 415 for another media type, 400 for a body that is no JSON
    /// object.</summary>
    public static async Task<(MergePatch?, ProblemDetails)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase))
            return (null, new ProblemDetails
            {
                Status = StatusCodes.Status415UnsupportedMediaType,
                Title = "Unsupported media type",
                Detail = $"Send the fields to change as a JSON merge patch with Content-Type: {MediaType}, or the whole entry with PUT.",
            });

        JsonNode? patch;
        try
        {
            patch = await JsonNode.ParseAsync(request.Body, cancellationToken: ct);
        }
        catch (JsonException)
        {
            patch = null;
        }

        return patch is JsonObject fields
            ? (new MergePatch(fields), WolverineContinue.NoProblems)
            : (null, new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body could not be read",
                Detail = "A merge patch is a JSON object holding the fields to change, such as { \"notes\": \"felt fine\" }; null " +
                    "removes " +
                    "an optional field.",
            });
    }

    /// <summary>The request as it stands with the patch merged in, or a 400 listing every field that cannot be read.</summary>
    public (TRequest? Merged, ProblemDetails Problem) Into<TRequest>(TRequest current) where TRequest : class
    {
        var options = HipLogJson.Wire;
        var target = JsonSerializer.SerializeToNode(current, options)!.AsObject();
        var properties = options.GetTypeInfo(typeof(TRequest)).Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var errors = new FieldErrors();
        foreach (var name in fields.Select(f => f.Key).Where(k => !properties.ContainsKey(k)))
            errors.Add(name, "Unknown field.");
        if (!errors.IsEmpty)
            return (null, errors.ToProblem());

        Merge(target, fields);
        // Each field is read on its own first, so that every one of the wrong type or with an unknown option is named at once.
        foreach (var (name, _) in fields)
            if (target[name] is { } value)
                Read(value, properties[name].PropertyType, name, options, errors);
        return errors.IsEmpty ? (target.Deserialize<TRequest>(options), WolverineContinue.NoProblems) : (null, errors.ToProblem());
    }

    /// <summary>RFC 7396, section 2.</summary>
    public static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch.ToList())
        {
            if (value is null)
                target.Remove(name);
            else if (value is JsonObject nested)
            {
                if (target[name] is not JsonObject into)
                    target[name] = into = new JsonObject();
                Merge(into, nested);
            }
            else
                target[name] = value.DeepClone();
        }
    }

    private static void Read(JsonNode value, Type type, string field, JsonSerializerOptions options, FieldErrors errors)
    {
        try
        {
            value.Deserialize(type, options);
        }
        catch (JsonException e)
        {
            var path = field + (e.Path is { Length: > 1 } p ? p[1..] : "");
            if (UnknownProperty().Match(e.Message) is { Success: true } unknown)
            {
                var name = unknown.Groups[1].Value;
                errors.Add(path.EndsWith("." + name, StringComparison.Ordinal) ? path : $"{path}.{name}", "Unknown field.");
            }
            else
                errors.Add(path, "Wrong type or unknown value: see the API description for the allowed values.");
        }
    }

    [GeneratedRegex(@"The JSON property '([^']+)' could not be mapped")]
    private static partial Regex UnknownProperty();
}
