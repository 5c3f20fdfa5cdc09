using HipLog.Api.Hosting;
using HipLog.Api.Http.Problems;
using HipLog.Api.Http.Writes;
using HipLog.Domain.Profiles;
using HipLog.Domain.Time;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.Profiles;

public sealed record QuietHoursRequest(TimeOnly? Start, TimeOnly? End);

/// <param name="TimeZone">IANA time zone, such as Europe/Berlin: local days and reminder times are counted in it.</param>
/// <param name="ReminderTime">Local time at which routines are delivered; 07:30 when omitted.</param>
[OpenApiExample("""
    { "displayName": "Alice", "timeZone": "Europe/Berlin", "reminderTime": "07:30", "quietHours": { "start": "22:00", "end": "07:00" },
      "webhookUrl": null }
    """)]
public sealed record ProfileRequest(
    string? DisplayName,
    string? TimeZone,
    TimeOnly? ReminderTime = null,
    QuietHoursRequest? QuietHours = null,
    string? WebhookUrl = null) : ICheckedRequest
{
    FieldErrors ICheckedRequest.CheckFields(IServiceProvider services)
        => PutProfileEndpoint.Check(this, services.GetRequiredService<WebhookSettings>());
}

public static class PutProfileEndpoint
{
    public const int MaxDisplayNameLength = 100;

    public static ProblemDetails Validate(ProfileRequest? request, WebhookSettings webhooks) =>
        request is null ? Problem.MissingBody() : Check(request, webhooks).ToProblem();

    public static FieldErrors Check(ProfileRequest request, WebhookSettings webhooks)
    {
        var errors = new FieldErrors()
            .Text("displayName", request.DisplayName, MaxDisplayNameLength, required: true)
            .Required("timeZone", request.TimeZone);
        if (request.TimeZone is not null)
            errors.When(LocalCalendar.FindZone(request.TimeZone) is null, "timeZone", "Not an IANA time zone, such as Europe/Berlin.");
        if (request.QuietHours is { } quiet)
        {
            errors.Required("quietHours.start", quiet.Start).Required("quietHours.end", quiet.End)
                .When(quiet.Start is not null && quiet.Start == quiet.End, "quietHours", "Start and end must differ.");
        }

        if (request.WebhookUrl is not null && WebhookDestinations.Refuse(request.WebhookUrl, webhooks) is { } refused)
            errors.Add("webhookUrl", refused);

        return errors;
    }

    public static Task<WebhookSubscription?> LoadAsync(string runnerId, IDocumentSession session, CancellationToken ct) =>
        session.LoadAsync<WebhookSubscription>(runnerId, ct);

    /// <summary>
    /// Creates or replaces the runner's profile. Sending the same profile again records nothing new. The first time a
    /// webhook URL is set, the answer carries webhookSecret, the key that signs every delivery: it is shown this once.
    /// </summary>
    [WolverinePut("/runners/{runnerId}/profile"), Tags("Profile")]
    [ProducesResponseType<ProfileResponse>(StatusCodes.Status200OK), ProducesResponseType<ProfileResponse>(StatusCodes.Status201Created)]
    public static (Written<ProfileResponse>, Events, IMartenOp) Put(string runnerId, ProfileRequest request,
        [WriteAggregate("runnerId", Required = false)] RunnerProfile? current, [NotBody] WebhookSubscription? webhook, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var settings = new ProfileSettings(request.DisplayName!.Trim(), request.TimeZone!, request.ReminderTime
            ?? RunnerProfile.DefaultReminderTime,
            request.QuietHours is { } q ? new QuietHours(q.Start!.Value, q.End!.Value) : null, request.WebhookUrl);
        var change = RunnerProfiles.Set(runnerId, current, settings, now);
        var hook = WebhookChanges.Set(runnerId, webhook, request.WebhookUrl, WebhookChanges.NewSecret(), now);
        var answer = ProfileResponse.From(RunnerProfiles.After(current, change), hook.Standing, hook.NewSecret);
        IMartenOp webhookOp = !hook.Changed ? MartenOps.Nothing()
            : hook.Standing is { } standing ? MartenOps.Store(standing) : MartenOps.Delete<WebhookSubscription>(runnerId);
        return (current is null ? Written.Created($"/runners/{runnerId}/profile", answer) : Written.Ok(answer),
            change is null ? [] : [change], webhookOp);
    }
}
