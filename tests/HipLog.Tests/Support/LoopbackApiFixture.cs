using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace HipLog.Tests.Support;

/// <summary>The real Api listening on a loopback port, for a browser to reach.</summary>
public sealed class LoopbackApiFixture : IAsyncLifetime
{
    public HipLogApi Api { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Api = new HipLogApi(await TestPostgres.CreateDatabaseAsync("report"),
            now: new DateTimeOffset(2026, 11, 16, 10, 0, 0, TimeSpan.Zero));
        Api.UseKestrel(0);
        await TestHosts.StartAsync(() => Api.Services);
        var address = Api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1"));
    }

    public async Task DisposeAsync() => await Api.DisposeAsync();
}
