namespace HipLog.Worker.Jobs;

/// <summary>
/// Where a fault test holds the Worker still on purpose, to kill it at an exact moment: after a delivery has committed,
/// before its webhook job is enqueued. Off unless Faults:PauseAfterDeliverySeconds is set, which only tests do; the
/// line it logs is what the test waits for.
/// </summary>
public sealed class FaultPoints(IConfiguration configuration, ILogger<FaultPoints> logger)
{
    private readonly TimeSpan pause = TimeSpan.FromSeconds(configuration.GetValue<double?>("Faults:PauseAfterDeliverySeconds") ?? 0);

    public async Task AfterDeliveryAsync(string recommendationId)
    {
        if (pause <= TimeSpan.Zero)
            return;
        logger.LogWarning("Fault point: paused after delivering {RecommendationId}", recommendationId);
        await Task.Delay(pause);
    }
}
