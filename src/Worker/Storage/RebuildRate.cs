using System.Diagnostics;
using System.Globalization;
using JasperFx;
using Marten;

namespace HipLog.Worker.Storage;

/// <summary>
/// Runs the Worker's command line, and after a <c>projections rebuild</c> prints the rate it went at: the events in the
/// store over the command's time. JasperFx's own command says only how long each projection took, and an operator
/// planning a rebuild of a large store needs the rate to tell how long the next one will take.
/// </summary>
public static class RebuildRate
{
    public static async Task<int> RunHipLogCommands(this WebApplication app, string[] args)
    {
        if (!IsRebuild(args))
            return await app.RunJasperFxCommands(args);

        // Counted first: the command disposes the host's services when it ends, and a rebuild appends no events.
        long events;
        await using (var session = app.Services.GetRequiredService<IDocumentStore>().QuerySession())
            events = await session.Events.QueryAllRawEvents().LongCountAsync();

        var clock = Stopwatch.StartNew();
        var code = await app.RunJasperFxCommands(args);
        var elapsed = clock.Elapsed;
        if (code != 0)
            return code;

        var rate = events / Math.Max(elapsed.TotalSeconds, 0.001);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Rebuilt from {events:N0} events in {elapsed.TotalSeconds:F1} s: {rate:N0} events/s"));
        return code;
    }

    private static bool IsRebuild(string[] args) =>
        args.Length >= 2 && args[0].Equals("projections", StringComparison.OrdinalIgnoreCase)
                         && args.Any(a => a.Equals("rebuild", StringComparison.OrdinalIgnoreCase));
}
