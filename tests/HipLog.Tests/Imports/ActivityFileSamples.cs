using System.Text;
using HipLog.Domain.Imports;

namespace HipLog.Tests.Imports;

/// <summary>The start of every sample track, and a file's summary read straight from its text, for the tests without a database.</summary>
internal static class ActivityFileSamples
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 6, 30, 0, TimeSpan.Zero);

    public static TrackSummary Summary(string text, ActivityFormat format) =>
        TrackSummary.Of(ActivityFiles.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), format));
}
