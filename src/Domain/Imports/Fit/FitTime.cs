namespace HipLog.Domain.Imports.Fit;

/// <summary>FIT's date_time: seconds since 1989-12-31T00:00:00Z; values below 0x10000000 are seconds since the device's start.</summary>
public static class FitTime
{
    public static readonly DateTimeOffset Epoch = new(1989, 12, 31, 0, 0, 0, TimeSpan.Zero);
    public const uint MinAbsolute = 0x10000000;

    public static DateTimeOffset? ToInstant(uint? seconds) => seconds is >= MinAbsolute ? Epoch.AddSeconds(seconds.Value) : null;

    /// <summary>A compressed timestamp: the last full timestamp with its low five bits replaced, rolled over when they went back.</summary>
    public static uint Expand(uint last, int offset)
    {
        var low = (int)(last & 0x1F);
        var baseTime = last & ~0x1Fu;
        return offset >= low ? baseTime + (uint)offset : baseTime + (uint)offset + 0x20;
    }
}
