using HipLog.Domain.Profiles;
using HipLog.Domain.Time;
using Marten;

namespace HipLog.Api.Profiles;

/// <summary>The zone whose offset the times HipLog stamps are written with in an answer.</summary>
public static class RunnerZone
{
    public static async Task<TimeZoneInfo> LoadAsync(IQuerySession session, string runnerId, CancellationToken ct) =>
        LocalCalendar.ZoneOrUtc((await session.LoadAsync<RunnerProfile>(runnerId, ct))?.TimeZone);
}
