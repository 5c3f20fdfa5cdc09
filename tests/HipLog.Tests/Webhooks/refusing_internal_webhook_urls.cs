using System.Net;
using HipLog.Api.Profiles;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using HipLog.Tests.Support;
using HipLog.Tests.Support.Clients;
using HipLog.Worker.Webhooks;

namespace HipLog.Tests.Webhooks;

/// <summary>A runner chooses the URL the Worker posts to: it must never lead into the server's own network.</summary>
public sealed class refusing_internal_webhook_urls(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HipLogApi api = fixture.Api;

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://localhost:8081/jobs/jobs/actions/delete/1")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://[::1]/")]
    [InlineData("https://[fd00::2]/")]
    [InlineData("https://[fe80::1]/")]
    [InlineData("https://[::ffff:127.0.0.1]/")]
    [InlineData("https://[::ffff:10.0.0.1]/")]
    [InlineData("https://[64:ff9b::a9fe:a9fe]/")]
    [InlineData("https://0x7f000001/")]
    [InlineData("https://2130706433/")]
    [InlineData("https://0177.0.0.1/")]
    [InlineData("https://0/")]
    [InlineData("https://0.0.0.0/")]
    [InlineData("https://10.1.2.3/")]
    [InlineData("https://172.16.0.1/")]
    [InlineData("https://192.168.1.1/")]
    [InlineData("https://100.64.0.1/")]
    [InlineData("https://224.0.0.1/")]
    [InlineData("https://255.255.255.255/")]
    [InlineData("https://user:pass@hooks.hiplog.example/")]
    [InlineData("https://user:pass@127.0.0.1/")]
    [InlineData("http://hooks.hiplog.example/in")]
    [InlineData("ftp://hooks.hiplog.example/in")]
    [InlineData("https://worker/hook")]
    [InlineData("https://api.localhost/hook")]
    [InlineData("https://metadata.google.internal/")]
    [InlineData("not a url")]
    public async Task an_internal_or_unsafe_url_is_refused_when_it_is_set(string url)
    {
        var answer = await api.Runner("runner-ssrf").Profiles.PutAsync(Sample.Profile("Sam") with { WebhookUrl = url });

        answer.IsProblem(HttpStatusCode.BadRequest).Fields.ShouldBe(["webhookUrl"]);
    }

    [Fact]
    public async Task a_public_https_url_is_accepted()
    {
        var answer = await api.Runner("runner-public-hook").Profiles
            .PutAsync(Sample.Profile("Pat") with { WebhookUrl = "https://hooks.hiplog.example/in?runner=pat" });

        answer.Is<ProfileResponse>(HttpStatusCode.Created).WebhookSecret.ShouldNotBeNull().ShouldStartWith("whsec_");
    }

    [Theory]
    [InlineData("8.8.8.8", false)]
    [InlineData("2a00:1450:4001:80b::200e", false)]
    [InlineData("127.8.9.1", true)]
    [InlineData("100.127.255.255", true)]
    [InlineData("100.128.0.1", false)]
    [InlineData("172.32.0.1", false)]
    [InlineData("198.18.0.1", true)]
    [InlineData("2002:7f00:1::", true)]
    [InlineData("2002:808:808::", false)]
    [InlineData("ff02::1", true)]
    [InlineData("::", true)]
    [InlineData("64:ff9b:1::808:808", true)]
    [InlineData("64:ff9b::808:808", false)]
    [InlineData("::ffff:808:808", true)]
    [InlineData("::ffff:0:808:808", true)]
    [InlineData("2001::1", true)]
    [InlineData("2001:db8::1", true)]
    [InlineData("3fff::1", true)]
    [InlineData("100::1", true)]
    [InlineData("fec0::1", true)]
    [InlineData("192.0.0.8", true)]
    [InlineData("192.88.99.1", true)]
    [InlineData("192.175.48.1", true)]
    [InlineData("240.1.2.3", true)]
    public void addresses_are_judged_by_their_range(string address, bool forbidden) =>
        WebhookDestinations.IsForbidden(IPAddress.Parse(address)).ShouldBe(forbidden);

    [Fact]
    public async Task the_connection_is_refused_when_a_name_resolves_to_an_internal_address()
    {
        // "localhost" stands for any name that DNS points at this machine after the URL was accepted.
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var reached = listener.AcceptSocketAsync();

        using var refused = new HttpClient(WebhookClient.Handler(new WebhookSettings { AllowHttp = true }));
        var error = await Should.ThrowAsync<HttpRequestException>(()
            => refused.PostAsync($"http://localhost:{port}/hook", new StringContent("{}")));

        WebhookFailures.Categorize(error).ShouldBe(WebhookAttemptCategory.RefusedDestination);
        reached.IsCompleted.ShouldBeFalse("nothing reached the listener");
    }

    [Fact]
    public async Task the_connection_is_made_with_the_switch_for_private_networks_on()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var served = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            var buffer = new byte[4096];
            await socket.ReceiveAsync(buffer);
            await socket.SendAsync("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"u8.ToArray());
        });

        using var allowed = new HttpClient(WebhookClient.Handler(new WebhookSettings { AllowHttp = true, AllowPrivateNetworks = true }));

        (await allowed.PostAsync($"http://localhost:{port}/hook", new StringContent("{}"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await served;
    }

    [Fact]
    public void the_switches_let_a_local_trial_deliver_to_loopback()
    {
        WebhookDestinations.Refuse("http://127.0.0.1:9000/hook", new WebhookSettings { AllowHttp = true, AllowPrivateNetworks = true })
            .ShouldBeNull();
        WebhookDestinations.Refuse("http://127.0.0.1:9000/hook", new WebhookSettings { AllowHttp = true }).ShouldNotBeNull();
        WebhookDestinations.Refuse("http://hooks.hiplog.example/", new WebhookSettings()).ShouldNotBeNull();
    }
}
