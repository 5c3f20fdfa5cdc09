using HipLog.Api.Http.Writes;
using HipLog.Domain.CalendarFeeds;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.CalendarFeeds;

public static class RevokeCalendarFeedEndpoint
{
    /// <summary>The feed's address stops working at once. Revoking a feed that is not there (any more) is not an error.</summary>
    [WolverineDelete("/runners/{runnerId}/calendar-feed"), Tags("Calendar feed"), EndpointSummary("Revoke the calendar feed")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public static (Written<NoBody>, IMartenOp) Delete(string runnerId) => (Written.NoContent(), MartenOps.Delete<CalendarFeed>(runnerId));
}
