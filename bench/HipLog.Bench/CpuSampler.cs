using System.Diagnostics;
using System.Globalization;

namespace HipLog.Bench;

/// <summary>
/// CPU time spent by the Api process, the PostgreSQL cluster (postmaster and its backends), this client, and
/// everything else on the machine, read from /proc (Linux). It tells where a request's time goes on a machine
/// whose two cores are shared by all three, and whether anything else was busy during a measurement.
/// </summary>
public sealed class CpuSampler(int? apiPid, int? postmasterPid)
{
    private const double TicksPerSecond = 100; // USER_HZ; 100 on every mainstream Linux build.

    public sealed record Sample(double ApiMs, double PostgresMs, double ClientMs, double BusyMs);

    public bool Available => OperatingSystem.IsLinux() && File.Exists("/proc/stat");

    public Sample Take()
    {
        if (!Available)
            return new Sample(0, 0, 0, 0);
        var api = apiPid is { } a ? ProcessTicks(a, withChildren: false) : 0;
        var postgres = postmasterPid is { } p ? ClusterTicks(p) : 0;
        var client = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
        return new Sample(Ms(api), Ms(postgres), client, Ms(MachineBusyTicks()));
    }

    private static double Ms(long ticks) => ticks * 1000 / TicksPerSecond;

    /// <summary>All cores' non-idle time: user, nice, system, irq, softirq, steal.</summary>
    private static long MachineBusyTicks()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long F(int i) => long.Parse(cpu[i], CultureInfo.InvariantCulture);
        return F(1) + F(2) + F(3) + F(6) + F(7) + F(8);
    }

    /// <summary>The postmaster, its exited children (cutime/cstime) and its live backends.</summary>
    private static long ClusterTicks(int postmaster)
    {
        var total = ProcessTicks(postmaster, withChildren: true);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && Stat(pid) is { } stat && stat.ParentPid == postmaster)
                total += stat.Ticks;
        return total;
    }

    private static long ProcessTicks(int pid, bool withChildren) =>
        Stat(pid) is { } stat ? stat.Ticks + (withChildren ? stat.ChildTicks : 0) : 0;

    private static (int ParentPid, long Ticks, long ChildTicks)? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may hold spaces and parentheses; the fields that follow the last ')' do not.
            var f = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            long L(int field) => long.Parse(f[field - 3], CultureInfo.InvariantCulture);
            return ((int)L(4), L(14) + L(15), L(16) + L(17));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null; // the process ended meanwhile
        }
    }
}
