using Hangfire.Dashboard;
using HipLog.ServiceDefaults;

namespace HipLog.Worker.Jobs;

/// <summary>The jobs dashboard is an operator page: see <see cref="OperatorAccess"/>.</summary>
public sealed class DashboardAccess(DashboardSettings settings) : IDashboardAuthorizationFilter
{
    private readonly OperatorAccess access = new(settings.Username, settings.PasswordHash);

    public bool Authorize(DashboardContext context) => access.Allows(context.GetHttpContext(), "HipLog jobs");
}
