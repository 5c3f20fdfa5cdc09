using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace HipLog.Domain.Wire;

/// <summary>The wire format of the HTTP contract, shared by the Api and the Worker's webhooks: camelCase, kebab-case enums, times with
/// offsets, no unknown fields.</summary>
public static partial class HipLogJson
{
    /// <summary>One shared instance, for code that reads or writes the wire format outside a host's own serializer.</summary>
    public static JsonSerializerOptions Wire { get; } = ReadOnly();

    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }

    /// <summary>Frozen, with its resolver set, so it can be asked for type information before anything is serialized.</summary>
    private static JsonSerializerOptions ReadOnly()
    {
        var options = Create();
        options.TypeInfoResolver = new DefaultJsonTypeInfoResolver();
        options.MakeReadOnly();
        return options;
    }

    public static void Configure(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        o.DictionaryKeyPolicy = JsonNamingPolicy.CamelCase;
        o.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // A misspelt field silently ignored would store a report without the runner's answer.
        o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        o.NumberHandling = JsonNumberHandling.Strict;
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        o.Converters.Add(new OffsetDateTimeConverter());
        o.Converters.Add(new ClockTimeConverter());
    }

    /// <summary>
    /// Accepts only ISO 8601 date-times that carry an offset (or Z): a time without one would be read
    /// in the server's zone and could land a report on the wrong day.
    /// </summary>
    private sealed class OffsetDateTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            if (text is null || !OffsetDateTime().IsMatch(text)
                || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value))
                throw new JsonException("Expected an ISO 8601 date-time with an offset, such as 2026-11-25T07:10:00+01:00.");
            return value;
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
    }

    /// <summary>Clock times such as a reminder time, written as "HH:mm".</summary>
    private sealed class ClockTimeConverter : JsonConverter<TimeOnly>
    {
        public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            if (text is null || !TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var value))
                throw new JsonException("Expected a local clock time as HH:mm, such as 07:30.");
            return value;
        }

        public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString(value.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|z|[+-]\d{2}:\d{2})$")]
    private static partial Regex OffsetDateTime();
}
