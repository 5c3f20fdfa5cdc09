using HipLog.Api.Http.Writes;
using Microsoft.Extensions.Time.Testing;
using Wolverine.Marten;

namespace HipLog.Tests.Support;

/// <summary>What the pure tests of endpoints and deciders share: a clock that stands still, and a look inside the ops they
/// return.</summary>
public static class Decisions
{
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    public static FakeTimeProvider Clock() => new(Now);

    /// <summary>The events an op appends to which stream, at which version if it checks one; fails the test on any other op.</summary>
    public static (string Stream, long? ExpectedVersion, IReadOnlyList<object> Events) Appended(this IMartenOp op) =>
        op.ShouldBeOfType<AppendToStream>() is var append ? (append.StreamKey, append.ExpectedVersion, append.Events) : default;

    /// <summary>The one event an op appends to <paramref name="stream"/>.</summary>
    public static T AppendsOne<T>(this IMartenOp op, string stream)
    {
        var (key, _, events) = op.Appended();
        key.ShouldBe(stream);
        return events.ShouldHaveSingleItem().ShouldBeOfType<T>();
    }

    /// <summary>The whole answer: status, Location and body, the body as the wire writes it (lists inside records compare by
    /// content).</summary>
    public static void ShouldAnswer<T>(this Written<T> written, int status, T? body, string? location = null) where T : class
    {
        (written.Status, written.Location).ShouldBe((status, location));
        Wire(written.Body).ShouldBe(Wire(body));
    }

    private static string? Wire(object? body) => body is null ? null : Written.Serialize(body);
}
