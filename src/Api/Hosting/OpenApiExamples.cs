using System.Text.Json.Nodes;
using HipLog.Api.Pain;
using HipLog.Api.Profiles;
using HipLog.Api.Runs;
using HipLog.Api.Stretching;

namespace HipLog.Api.Hosting;

/// <summary>Request bodies a runner could send as they are, shown on the API page.</summary>
public static class OpenApiExamples
{
    private static readonly Dictionary<Type, string> Examples = new()
    {
        [typeof(ProfileRequest)] = """
            { "displayName": "Alice", "timeZone": "Europe/Berlin", "reminderTime": "07:30", "quietHours": { "start": "22:00", "end": "07:00" }, "webhookUrl": null }
            """,
        [typeof(RunRequest)] = """
            { "startedAt": "2026-11-25T07:10:00+01:00", "distanceKm": 8.4, "durationSeconds": 2700, "perceivedEffort": 6, "surface": "trail", "routeName": "Riverside loop", "shoes": "Trail 3", "notes": "Easy, a little tight at the front of the left hip" }
            """,
        [typeof(PainReportRequest)] = """
            { "reportedAt": "2026-11-25T09:00:00+01:00", "score": 4, "location": "front-hip", "side": "left", "timing": "after-run", "character": "ache", "runId": null,
              "redFlags": { "painAtRest": false, "painAtNight": false, "cannotBearWeight": false, "painWhenHopping": false }, "notes": "Tight after the hills" }
            """,
        [typeof(StretchSessionRequest)] = """
            { "completedAt": "2026-11-25T19:00:00+01:00",
              "exercises": [ { "exerciseId": "lizard-lower-lunge", "side": "both", "holdBreaths": 8, "sets": 1, "reps": 1 },
                             { "exerciseId": "single-leg-knee-lift", "side": "both", "holdSeconds": 10, "sets": 3, "reps": 10 } ],
              "painBefore": 4, "painAfter": 2, "recommendationId": null, "notes": null }
            """,
    };

    public static JsonNode? For(Type type) => Examples.TryGetValue(type, out var json) ? JsonNode.Parse(json) : null;
}
