using System.Diagnostics;
using System.Text.RegularExpressions;
using HipLog.Tests.Security;
using HipLog.Tests.Support;
using Xunit.Abstractions;

namespace HipLog.Tests.Operations;

/// <summary>A real Worker process whose PostgreSQL stops for ten seconds: what it writes to its console meanwhile.</summary>
[Collection(OutageCollection.Name)]
public sealed partial class keeping_the_worker_log_quiet_in_an_outage(ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task holds_about_one_line_a_second_and_no_stack_trace()
    {
        await using var cluster = await TestPostgres.StartDedicatedAsync();
        using var worker = await WorkerProcess.StartAsync(cluster.ConnectionString);
        await Task.Delay(2000);

        await cluster.StopAsync();
        var before = worker.Lines.Count;
        var clock = Stopwatch.StartNew();
        await Task.Delay(Outage);
        var during = worker.Lines.Skip(before).ToList();
        var lasted = clock.Elapsed;
        await cluster.StartAsync();
        output.WriteLine(string.Join("\n", during));

        var entries = during.Where(l => Entry().IsMatch(l)).ToList();
        entries.Count.ShouldBeLessThanOrEqualTo((int)Math.Ceiling(lasted.TotalSeconds) + 3, string.Join("\n", entries));
        during.Where(l => StackFrame().IsMatch(l)).ShouldBeEmpty();
    }

    [GeneratedRegex(@"^(trce|dbug|info|warn|fail|crit): ")]
    private static partial Regex Entry();

    [GeneratedRegex(@"^\s+at \S")]
    private static partial Regex StackFrame();
}
