using System.Text.Json;

namespace HipLog.Api.Http.Problems;

/// <summary>
/// What System.Text.Json lets through to a request type, or stops with an exception the field-by-field answer cannot
/// name: a field sent twice in one object (which the merge patch's dictionary throws on, and which would leave it to
/// chance which value a report keeps), text that is not Unicode (a lone surrogate escape, bytes that are not UTF-8)
/// and the NUL character (PostgreSQL's jsonb refuses it, so it could never be stored). Each is the sender's mistake:
/// a 400 naming the field.
/// </summary>
public static class JsonText
{
    /// <summary>The field that cannot be stored and why, or null; a body that is no JSON at all is left to the serializer.</summary>
    public static (string Field, string Reason)? Flaw(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        var scopes = new Stack<Scope>();
        try
        {
            while (reader.Read())
                if (Judge(ref reader, scopes) is { } flaw)
                    return flaw;
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private static (string, string)? Judge(ref Utf8JsonReader reader, Stack<Scope> scopes)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                var path = scopes.TryPeek(out var outer) ? outer.Next() : "";
                scopes.Push(new Scope(path, reader.TokenType == JsonTokenType.StartArray));
                return null;
            case JsonTokenType.EndObject or JsonTokenType.EndArray:
                scopes.Pop();
                return null;
            case JsonTokenType.PropertyName:
                var scope = scopes.Peek();
                if (Text(ref reader) is not { } name)
                    return (scope.Path.Length == 0 ? "(field name)" : scope.Path, NotUnicode);
                scope.Property = name;
                return scope.Seen.Add(name) ? null : (scope.Field(name), "Sent more than once: send each field once.");
            case JsonTokenType.String:
                var field = scopes.TryPeek(out var holder) ? holder.Next() : "";
                return Text(ref reader) is { } text && !text.Contains('\0') ? null
                    : (field.Length == 0 ? "(body)" : field, NotUnicode);
            default:
                if (scopes.TryPeek(out var parent))
                    parent.Next();
                return null;
        }
    }

    private const string NotUnicode = "Holds text that is not valid Unicode (a lone surrogate, bytes that are not UTF-8, or a NUL " +
        "character): send UTF-8 text.";

    private static string? Text(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>An object or array being read: its path, its field names so far (as the serializer matches them, ignoring case),
    /// and the field or index the next value belongs to.</summary>
    private sealed class Scope(string path, bool array)
    {
        private int index = -1;

        public string Path { get; } = path;
        public HashSet<string> Seen { get; } = new(StringComparer.OrdinalIgnoreCase);
        public string? Property { get; set; }

        public string Field(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

        /// <summary>The path of the value read now.</summary>
        public string Next() => array ? $"{Path}[{++index}]" : Field(Property ?? "");
    }
}
