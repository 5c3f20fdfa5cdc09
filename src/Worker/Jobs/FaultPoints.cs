namespace HipLog.Worker.Jobs;

/// <summary>
/// Where a fault test holds the Worker still on purpose, to kill it at an exact moment: after a delivery has committed,
/// before its webhook job is enqueued (Faults:PauseAfterDeliverySeconds; the line it logs is what the test waits for);
/// to make the pain watch fail on one runner's events (<see cref="FailingRunner"/>, Faults:FailWatchForRunner); and to hold
/// the main watch still (<see cref="HoldWatch"/>). Off
/// unless set, which only tests do.
/// </summary>
public sealed class FaultPoints(IConfiguration configuration, ILogger<FaultPoints> logger)
{
    private readonly TimeSpan pause = TimeSpan.FromSeconds(configuration.GetValue<double?>("Faults:PauseAfterDeliverySeconds") ?? 0);

    /// <summary>The runner whose events the pain watch fails to judge.</summary>
    public string? FailingRunner { get; set; } = configuration["Faults:FailWatchForRunner"];

    /// <summary>While set, the main pain watch judges nothing (Faults:HoldWatch): a backlog a test can make at will.</summary>
    public bool HoldWatch { get; set; } = configuration.GetValue<bool>("Faults:HoldWatch");

    public async Task WhileWatchHeldAsync(CancellationToken ct)
    {
        while (HoldWatch)
            await Task.Delay(50, ct);
    }

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
