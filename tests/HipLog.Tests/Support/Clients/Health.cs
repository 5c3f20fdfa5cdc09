namespace HipLog.Tests.Support.Clients;

/// <summary>What /health/live and /health/ready answer, as an operator's probe reads it.</summary>
public sealed record Health(string Status, IReadOnlyDictionary<string, HealthCheck> Checks);

public sealed record HealthCheck(string Status, string? Description);
