using Hangfire.Dashboard;
using HipLog.ServiceDefaults;

namespace HipLog.Worker.Jobs;

/// <summary>The jobs dashboard is an operator page: see <see cref="OperatorAccess"/>.</summary>
public sealed class DashboardAccess(OperatorAccess access) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => access.Allows(context.GetHttpContext(), "HipLog jobs");
}
