using System.Text.Json.Serialization;
using HipLog.Api.Hosting;
using HipLog.Api.Http.Problems;
using HipLog.Api.Profiles;
using HipLog.Domain.Sharing;
using HipLog.Domain.Webhooks;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.Sharing;

/// <param name="WebhookUrl">Where HipLog posts a patient's red-flag alerts (Standard Webhooks, signed), if anywhere.</param>
[OpenApiExample("""{ "displayName": "Dr Lee, sports physiotherapy", "webhookUrl": null }""")]
public sealed record ClinicianProfileRequest(string? DisplayName, string? WebhookUrl = null);

/// <param name="WebhookSecret">The key that signs every delivery, only in the answer that made it.</param>
public sealed record ClinicianProfileResponse(string Id, string DisplayName, string? WebhookUrl, DateTimeOffset RegisteredAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? WebhookSecret = null);

public static class PutClinicianProfileEndpoint
{
    public static ProblemDetails Validate(ClinicianProfileRequest? request, WebhookSettings webhooks)
    {
        if (request is null)
            return Problem.MissingBody();
        var errors = new FieldErrors().Text("displayName", request.DisplayName, PutProfileEndpoint.MaxDisplayNameLength, required: true);
        if (request.WebhookUrl is not null && WebhookDestinations.Refuse(request.WebhookUrl, webhooks) is { } refused)
            errors.Add("webhookUrl", refused);
        return errors.ToProblem();
    }

    public static async Task<(ClinicianProfile?, WebhookSubscription?)> LoadAsync(string clinicianId, IDocumentSession session,
        CancellationToken ct)
    {
        var key = Shares.ClinicianStream(clinicianId);
        return (await session.LoadAsync<ClinicianProfile>(key, ct), await session.LoadAsync<WebhookSubscription>(key, ct));
    }

    /// <summary>
    /// Registers a clinician (201) or changes their name or webhook (200). Runners see the name on the shares the clinician
    /// accepts. The first time a webhook URL is set, the answer carries webhookSecret, shown this once.
    /// </summary>
    [WolverinePut("/clinicians/{clinicianId}/profile"), Tags("Clinicians"), EndpointSummary("Register or update a clinician")]
    [ProducesResponseType<ClinicianProfileResponse>(StatusCodes.Status200OK),
     ProducesResponseType<ClinicianProfileResponse>(StatusCodes.Status201Created)]
    public static (IResult, IMartenOp, IMartenOp) Put(string clinicianId, ClinicianProfileRequest request,
        [NotBody] ClinicianProfile? current, [NotBody] WebhookSubscription? webhook, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var key = Shares.ClinicianStream(clinicianId);
        var name = request.DisplayName!.Trim();
        var hook = WebhookChanges.Set(key, webhook, request.WebhookUrl, WebhookChanges.NewSecret(), now);
        IMartenOp hookOp = !hook.Changed ? MartenOps.Nothing()
            : hook.Standing is { } standing ? MartenOps.Store(standing) : MartenOps.Delete<WebhookSubscription>(key);
        var answer = new ClinicianProfileResponse(clinicianId, name, request.WebhookUrl, current?.RegisteredAt ?? now, hook.NewSecret);
        if (current is null)
            return (Results.Created($"/clinicians/{clinicianId}/profile", answer),
                MartenOps.StartStream(key, new ClinicianRegistered(clinicianId, name, now)), hookOp);
        IMartenOp change = current.DisplayName == name ? MartenOps.Nothing()
            : MartenOps.Append(key, current.Version + 1, new ClinicianProfileUpdated(clinicianId, name, now));
        return (Results.Ok(answer), change, hookOp);
    }
}

public static class ReadClinicianProfileEndpoint
{
    [WolverineGet("/clinicians/{clinicianId}/profile"), Tags("Clinicians"), EndpointSummary("Read a clinician's profile")]
    [ProducesResponseType<ClinicianProfileResponse>(StatusCodes.Status200OK),
     ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(string clinicianId, IQuerySession session, CancellationToken ct)
    {
        var key = Shares.ClinicianStream(clinicianId);
        return await session.LoadAsync<ClinicianProfile>(key, ct) is { } profile
            ? Results.Ok(new ClinicianProfileResponse(clinicianId, profile.DisplayName,
                (await session.LoadAsync<WebhookSubscription>(key, ct))?.Url, profile.RegisteredAt))
            : Problem.NotFound("profile for this clinician yet: PUT one first");
    }
}
