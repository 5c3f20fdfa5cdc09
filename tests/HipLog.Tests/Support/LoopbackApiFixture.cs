using System.Net;
using System.Net.Sockets;

namespace HipLog.Tests.Support;

/// <summary>The real Api listening on a loopback port, for a browser to reach.</summary>
public sealed class LoopbackApiFixture : IAsyncLifetime
{
    public HipLogApi Api { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The links the Api hands out are built from its configured public address, so the port is chosen first.
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Api = new HipLogApi(await TestPostgres.CreateDatabaseAsync("report"),
            now: new DateTimeOffset(2026, 11, 16, 10, 0, 0, TimeSpan.Zero),
            settings: new Dictionary<string, string?> { ["PublicUrls:Base"] = BaseAddress.ToString() });
        Api.UseKestrel(port);
        await TestHosts.StartAsync(() => Api.Services);
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
