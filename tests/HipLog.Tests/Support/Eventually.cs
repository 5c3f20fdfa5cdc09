namespace HipLog.Tests.Support;

public static class Eventually
{
    /// <summary>
    /// Polls until the probe answers a value, for work the Worker does in the background. The bound is generous: with
    /// the whole suite sharing two cores, a Worker taking the daemon's lead and running a Hangfire job took over 30 s once.
    /// </summary>
    public static async Task<T> Get<T>(Func<Task<T?>> probe, string what, int seconds = 60) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } value)
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited {seconds} s for {what}.");
            await Task.Delay(100);
        }
    }
}
