using Hangfire.Common;

namespace HipLog.Worker.Jobs;

/// <summary>
/// Hangfire stores each job with its class's full name. A class that moved to another namespace would leave the jobs an
/// earlier version queued or scheduled unreadable (a webhook retry, an erasure that was running): their old names
/// still find the class here.
/// </summary>
public static class MovedJobTypes
{
    private static readonly Dictionary<string, Type> Moved = new(StringComparer.Ordinal)
    {
        ["HipLog.Worker.Erasure.EraseRunner, HipLog.Worker"] = typeof(DataRights.EraseRunner),
        ["HipLog.Worker.Erasure.ResumeErasures, HipLog.Worker"] = typeof(DataRights.ResumeErasures),
        ["HipLog.Worker.Watch.SendWebhook, HipLog.Worker"] = typeof(Webhooks.SendWebhook),
    };

    public static Type Resolve(string name) => Moved.TryGetValue(name, out var type) ? type : TypeHelper.DefaultTypeResolver(name);
}
