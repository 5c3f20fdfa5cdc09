using Hangfire.Dashboard;
using HipLog.ServiceDefaults;

namespace HipLog.Worker.Jobs;

/// <summary>The jobs dashboard is an operator page: <see cref="OperatorPages.Admit"/> judged the request before it got here.</summary>
public sealed class DashboardAccess : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) =>
        context.GetHttpContext().Items[OperatorPages.VerdictKey] is OperatorVerdict.Allowed;
}
