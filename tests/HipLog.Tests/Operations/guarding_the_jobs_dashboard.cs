using System.Net;
using System.Text;
using HipLog.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;

namespace HipLog.Tests.Operations;

/// <summary>The dashboard's commands change what runs: none may be sent from another site or without credentials.</summary>
public sealed class guarding_the_jobs_dashboard
{
    private const string Password = "correct horse battery staple";

    private static async Task<int> TriggerAsync(HipLogWorker worker, IPAddress from, string? authorization)
    {
        var context = await worker.Server.SendAsync(c =>
        {
            c.Request.Method = "POST";
            c.Request.Path = "/jobs/recurring/trigger";
            c.Connection.RemoteIpAddress = from;
            c.Request.Headers.Origin = "https://attacker.example";
            c.Request.Headers.Host = "hiplog.attacker.example";
            c.Request.ContentType = "application/x-www-form-urlencoded";
            c.Request.Body = new MemoryStream(Encoding.ASCII.GetBytes("jobs%5B%5D=expire-idempotency-keys"));
            if (authorization is not null)
                c.Request.Headers.Authorization = authorization;
        });
        return context.Response.StatusCode;
    }

    [Fact]
    public async Task a_cross_site_command_without_an_antiforgery_token_is_refused_even_with_credentials()
    {
        await using var worker = new HipLogWorker(await TestPostgres.CreateDatabaseAsync("dashboard-csrf"), new Dictionary<string, string?>
        {
            ["Jobs:Dashboard:Username"] = "operator",
            ["Jobs:Dashboard:PasswordHash"] = new PasswordHasher<string>().HashPassword("operator", Password),
        });
        await TestHosts.StartAsync(() => worker.Server);
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"operator:{Password}"));

        (await TriggerAsync(worker, IPAddress.Parse("203.0.113.7"), basic)).ShouldBe(StatusCodes.Status403Forbidden);
    }

    [Fact]
    public async Task without_credentials_the_dashboard_on_loopback_runs_no_command()
    {
        await using var worker = new HipLogWorker(await TestPostgres.CreateDatabaseAsync("dashboard-read-only"));
        await TestHosts.StartAsync(() => worker.Server);

        (await TriggerAsync(worker, IPAddress.Loopback, null)).ShouldBeOneOf(StatusCodes.Status401Unauthorized,
            StatusCodes.Status403Forbidden);
    }
}
