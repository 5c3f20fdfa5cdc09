using HipLog.Domain.Sharing;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Wolverine.Http;
using Wolverine.Middleware;

namespace HipLog.Api.Sharing;

/// <summary>A clinician's read of a patient: the scope it needs and its name in the access log.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PatientReadAttribute(ShareScope scope, string what) : Attribute
{
    public ShareScope Scope { get; } = scope;
    public string What { get; } = what;
}

/// <summary>
/// Puts <see cref="PatientAccess"/> around every endpoint marked [PatientRead]: the share's check and the access log are the
/// route's cross-cutting concern, so the endpoint itself only reads, given the <see cref="PatientRead"/> that let it through.
/// A route under /clinicians/{clinicianId}/patients/{runnerId}/ without the mark stops the Api at start-up.
/// </summary>
public sealed class PatientReadPolicy : IHttpPolicy
{
    private const string Prefix = "/clinicians/{clinicianId}/patients/{runnerId}/";

    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => c.RoutePattern?.RawText?.StartsWith(Prefix, StringComparison.Ordinal) == true))
        {
            if (!chain.Method.Method.IsDefined(typeof(PatientReadAttribute), false))
                throw new InvalidOperationException(
                    $"{chain.RoutePattern!.RawText}: a read of a patient must say its scope with [PatientRead].");
            var open = new MethodCall(typeof(PatientAccess), nameof(PatientAccess.OpenAsync));
            chain.Middleware.Insert(0, open);
            if (rules.TryFindContinuationHandler(chain, open, out var stop))
                chain.Middleware.Insert(1, stop!);
            // First of what follows the endpoint, so no answer is written before its read is in the log.
            chain.Postprocessors.Insert(0, new MethodCall(typeof(PatientAccess), nameof(PatientAccess.LoggedAsync)));
        }
    }
}
