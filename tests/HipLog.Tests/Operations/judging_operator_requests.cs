using System.Net;
using System.Text;
using HipLog.ServiceDefaults;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Time.Testing;

namespace HipLog.Tests.Operations;

/// <summary>Who gets the operator pages (/metrics, /jobs): the rule called directly, no host.</summary>
public sealed class judging_operator_requests
{
    private static readonly string Hash = new PasswordHasher<string>().HashPassword("ops", "s3cret-pass");

    private static HttpContext From(string address, string? authorization = null, string? forwardedFor = null)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        if (authorization is not null)
            http.Request.Headers.Authorization = authorization;
        if (forwardedFor is not null)
            http.Request.Headers["X-Forwarded-For"] = forwardedFor;
        return http;
    }

    private static string Basic(string pair) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(pair));

    [Fact]
    public void a_loopback_request_that_came_through_a_proxy_is_refused()
    {
        new OperatorAccess(null, null).Judge(From("127.0.0.1", forwardedFor: "203.0.113.7"), "m").ShouldBe(OperatorVerdict.Forbidden);
    }

    [Fact]
    public void loopback_is_refused_when_the_setting_allowing_it_is_off()
    {
        new OperatorAccess(null, null, allowLoopback: false).Judge(From("127.0.0.1"), "m").ShouldBe(OperatorVerdict.Forbidden);
    }

    [Fact]
    public void loopback_is_refused_when_a_proxy_is_configured()
    {
        new OperatorAccess(null, null, behindProxy: true).Judge(From("::1"), "m").ShouldBe(OperatorVerdict.Forbidden);
    }

    [Fact]
    public void a_wrong_name_is_refused_like_a_wrong_password()
    {
        var access = new OperatorAccess("ops", Hash);

        new[]
        {
            access.Judge(From("203.0.113.7", Basic("opz:s3cret-pass")), "m"), access.Judge(From("203.0.113.7", Basic("ops:guess")), "m"),
        }
            .ShouldAllBe(v => v == OperatorVerdict.NeedsCredentials);
    }

    [Fact]
    public void after_ten_failures_in_a_minute_even_the_right_password_is_refused()
    {
        var access = new OperatorAccess("ops", Hash);
        for (var i = 0; i < OperatorAccess.MaxFailures; i++)
            access.Judge(From("203.0.113.7", Basic("ops:guess")), "m");

        access.Judge(From("203.0.113.7", Basic("ops:s3cret-pass")), "m").ShouldBe(OperatorVerdict.TooManyFailures);
    }

    [Fact]
    public void another_clients_failures_do_not_lock_one_out()
    {
        var access = new OperatorAccess("ops", Hash);
        for (var i = 0; i < OperatorAccess.MaxFailures; i++)
            access.Judge(From("203.0.113.7", Basic("ops:guess")), "m");

        access.Judge(From("198.51.100.2", Basic("ops:s3cret-pass")), "m").ShouldBe(OperatorVerdict.Allowed);
    }

    [Fact]
    public void failures_are_forgotten_a_minute_later()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-03T10:00:00Z"));
        var access = new OperatorAccess("ops", Hash, clock: clock);
        for (var i = 0; i < OperatorAccess.MaxFailures; i++)
            access.Judge(From("203.0.113.7", Basic("ops:guess")), "m");
        clock.Advance(TimeSpan.FromMinutes(1));

        access.Judge(From("203.0.113.7", Basic("ops:s3cret-pass")), "m").ShouldBe(OperatorVerdict.Allowed);
    }
}
