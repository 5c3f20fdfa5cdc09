using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Http.Problems;

/// <summary>
/// Collects every invalid field of a request so the client gets them all in one problem-details answer
/// (RFC 9457, with an "errors" member keyed by the camelCase field path).
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool IsEmpty => errors.Count == 0;

    public FieldErrors Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
            errors[field] = list = [];
        list.Add(message);
        return this;
    }

    public FieldErrors When(bool invalid, string field, string message) => invalid ? Add(field, message) : this;

    public FieldErrors Required(string field, object? value) => When(value is null, field, "Required.");

    /// <summary>A time that must be given, with an offset, between 1900 and 2100 and not more than a day ahead.</summary>
    public FieldErrors Moment(string field, DateTimeOffset? value, DateTimeOffset now) => Required(field, value)
        .When(value is { } v && !Domain.Runs.EntryLimits.InRange(v), field, "Must be between 1900-01-01 and 2100-12-31.")
        .When(value is { } a && Domain.Runs.EntryLimits.InRange(a) && a > now + Domain.Runs.EntryLimits.MaxAheadOfNow, field,
            "Must not be more than 24 hours in the future.");

    public FieldErrors Text(string field, string? value, int maxLength, bool required = false)
    {
        if (value is null)
            return required ? Add(field, "Required.") : this;
        if (required && string.IsNullOrWhiteSpace(value))
            return Add(field, "Must not be blank.");
        return When(value.Length > maxLength, field, $"At most {maxLength} characters.");
    }

    public ProblemDetails ToProblem(int status = StatusCodes.Status400BadRequest) =>
        IsEmpty ? WolverineContinue.NoProblems : Problem.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), status);
}

public static class Problem
{
    /// <summary>Whether a check's answer stops the request: anything but Wolverine's "no problems".</summary>
    public static bool Stops(this ProblemDetails problem) => !ReferenceEquals(problem, WolverineContinue.NoProblems);

    public static ProblemDetails Invalid(IDictionary<string, string[]> errors, int status = StatusCodes.Status400BadRequest) => new()
    {
        Status = status,
        Title = "The request has invalid fields",
        Detail = "See 'errors' for every field that needs fixing: " + string.Join(", ", errors.Keys) + ".",
        Extensions = { ["errors"] = errors },
    };

    public static ProblemDetails MissingBody() => new()
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "A JSON body is required",
        Detail = "Send the fields as a JSON object with Content-Type: application/json.",
    };

    public static IResult NotFound(string what) => Results.Problem(Missing(what));

    public static ProblemDetails Missing(string what) => new()
    {
        Status = StatusCodes.Status404NotFound,
        Title = "Not found",
        Detail = $"There is no {what}.",
    };
}
