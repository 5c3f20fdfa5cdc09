using HipLog.Api.Http.Problems;
using HipLog.Api.Http.Writes;
using HipLog.Api.Webhooks;
using HipLog.Domain.Profiles;
using HipLog.Domain.Time;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace HipLog.Api.Profiles;

public sealed record QuietHoursRequest(TimeOnly? Start, TimeOnly? End);

/// <param name="TimeZone">IANA time zone, such as Europe/Berlin: local days and reminder times are counted in it.</param>
/// <param name="ReminderTime">Local time at which routines are delivered; 07:30 when omitted.</param>
public sealed record ProfileRequest(
    string? DisplayName,
    string? TimeZone,
    TimeOnly? ReminderTime = null,
    QuietHoursRequest? QuietHours = null,
    string? WebhookUrl = null) : ICheckedRequest
{
    FieldErrors ICheckedRequest.CheckFields(IServiceProvider services) => PutProfileEndpoint.Check(this, services.GetRequiredService<WebhookSettings>());
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

    /// <summary>
    /// Creates or replaces the runner's profile. Sending the same profile again records nothing new. The first time a
    /// webhook URL is set, the answer carries webhookSecret, the key that signs every delivery: it is shown this once.
    /// </summary>
    [WolverinePut("/runners/{runnerId}/profile"), Tags("Profile")]
    [ProducesResponseType<ProfileResponse>(StatusCodes.Status200OK), ProducesResponseType<ProfileResponse>(StatusCodes.Status201Created)]
    public static async Task<IResult> Put(string runnerId, ProfileRequest request, IDocumentSession session, HttpContext http, TimeProvider clock)
    {
        var stream = await session.Events.FetchForWriting<RunnerProfile>(runnerId);
        var displayName = request.DisplayName!.Trim();
        var timeZone = request.TimeZone!;
        var reminder = request.ReminderTime ?? RunnerProfile.DefaultReminderTime;
        var quiet = request.QuietHours is { } q ? new QuietHours(q.Start!.Value, q.End!.Value) : null;
        var now = clock.GetUtcNow();

        var (secret, webhook) = await Webhook.SetAsync(session, runnerId, request.WebhookUrl, now);

        if (stream.Aggregate is not { } current)
        {
            var registered = new RunnerRegistered(runnerId, displayName, timeZone, reminder, quiet, request.WebhookUrl, now);
            stream.AppendOne(registered);
            return Written.Created(http, session, $"/runners/{runnerId}/profile", ProfileResponse.From(RunnerProfileProjection.Create(registered), webhook, secret));
        }

        if (current.HasSameSettings(displayName, timeZone, reminder, quiet, request.WebhookUrl))
            return Written.Ok(http, session, ProfileResponse.From(current, webhook, secret));

        var updated = new RunnerProfileUpdated(runnerId, displayName, timeZone, reminder, quiet, request.WebhookUrl, now);
        stream.AppendOne(updated);
        return Written.Ok(http, session, ProfileResponse.From(RunnerProfileProjection.Apply(updated, current), webhook, secret));
    }
}
