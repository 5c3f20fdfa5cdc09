using HipLog.Domain.Watch;
using Marten;

namespace HipLog.Worker.Sharing;

public static class SharingConfiguration
{
    /// <summary>The subscription that turns clinician advisories into alerts for the patients' clinicians.</summary>
    public static WebApplicationBuilder AddHipLogSharing(this WebApplicationBuilder builder,
        MartenServiceCollectionExtensions.MartenConfigurationExpression marten)
    {
        marten.AddSubscriptionWithServices<ClinicianAlerts>(ServiceLifetime.Scoped, o =>
        {
            o.Name = ClinicianAlerts.SubscriptionName;
            o.IncludeType<ClinicianReferralAdvised>();
        });
        return builder;
    }
}
