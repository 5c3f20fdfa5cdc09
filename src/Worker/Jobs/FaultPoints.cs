namespace HipLog.Worker.Jobs;

/// <summary>
/// Where a fault test holds the Worker still on purpose, to kill it at an exact moment: after a delivery has committed,
/// before its webhook job is enqueued (Faults:PauseAfterDeliverySeconds; the line it logs is what the test waits for);
/// and to make the pain watch fail on one runner's events (<see cref="FailingRunner"/>, Faults:FailWatchForRunner). Off
/// unless set, which only tests do.
/// </summary>
public sealed class FaultPoints(IConfiguration configuration, ILogger<FaultPoints> logger)
{
    private readonly TimeSpan pause = TimeSpan.FromSeconds(configuration.GetValue<double?>("Faults:PauseAfterDeliverySeconds") ?? 0);

    /// <summary>The runner whose events the pain watch fails to judge.</summary>
    public string? FailingRunner { get; set; } = configuration["Faults:FailWatchForRunner"];

    public void BeforeJudging(IEnumerable<string> runnerIds)
    {
        if (FailingRunner is { } failing && runnerIds.Contains(failing))
            throw new InvalidOperationException("Fault point: the pain watch fails on this runner's events");
    }

    public async Task AfterDeliveryAsync(string recommendationId)
    {
        if (pause <= TimeSpan.Zero)
            return;
        logger.LogWarning("Fault point: paused after delivering {RecommendationId}", recommendationId);
        await Task.Delay(pause);
    }
}
