using System.Buffers.Text;
using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using HipLog.Api.Http.Problems;
using Marten;
using Marten.Linq.MatchesSql;

namespace HipLog.Api.Http.Lists;

/// <summary>One page of a list, and the cursor that reads the page after it (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>What a client asked for: how many items, and after which one (the item a cursor names).</summary>
public sealed record PageRequest(int Limit, DateTimeOffset? AfterTime, object? AfterId);

/// <summary>
/// Keyset paging on (time, id), the order a list is read in. A cursor names the last item of a page, not a position,
/// so entries written or retracted between two pages make no standing item skip or repeat. It is opaque to clients
/// (base64url) and carries the list it came from, so a cursor of one list is refused by another.
/// </summary>
/// <param name="Name">Tells the lists' cursors apart.</param>
/// <param name="TimeSql">
/// Marten's own SQL for the time member, the expression its computed index is built on, so that PostgreSQL walks the
/// index from the cursor on.
/// </param>
/// <param name="ParseId">The id a cursor carries, as the id column's type; null if it is not one.</param>
public sealed class PagedList<TView, TId>(
    string Name, Expression<Func<TView, DateTimeOffset>> Time, string TimeSql, Expression<Func<TView, TId>> Id,
    Func<string, object?> ParseId, bool NewestFirst)
    where TView : notnull
    where TId : notnull
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;
    private const int MaxCursorLength = 256;
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private const string TimestampFunction = Domain.Storage.HipLogStore.SchemaName + ".mt_immutable_timestamptz";

    private readonly Func<TView, DateTimeOffset> timeOf = Time.Compile();
    private readonly Func<TView, TId> idOf = Id.Compile();

    /// <summary>Reads limit and cursor; every mistake is named in <paramref name="errors"/>, never ignored.</summary>
    public PageRequest Read(string? limit, string? cursor, FieldErrors errors)
    {
        var take = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take)
            || take is < 1 or > MaxLimit))
            errors.Add("limit", $"Must be a whole number from 1 to {MaxLimit} (default {DefaultLimit}).");

        if (cursor is null)
            return new PageRequest(take, null, null);
        if (Decode(cursor) is { } after)
            return new PageRequest(take, after.At, after.Id);
        errors.Add("cursor", "Not a cursor of this list: pass the 'next' value of a previous page unchanged.");
        return new PageRequest(take, null, null);
    }

    /// <summary>The items after the cursor, in (time, id) order, read with one row more than asked to learn whether a page
    /// follows.</summary>
    public async Task<Page<TResponse>> ReadAsync<TResponse>(IQueryable<TView> query, PageRequest page, Func<TView, TResponse> respond,
        CancellationToken ct)
    {
        var rows = await Query(query, page).ToListAsync(ct);
        var items = rows.Take(page.Limit).ToList();
        var next = rows.Count > page.Limit ? Encode(timeOf(items[^1]), idOf(items[^1]).ToString()!) : null;
        return new Page<TResponse>(items.Select(respond).ToList(), next);
    }

    /// <summary>The query a page is read with: after the cursor, in the list's order, one row more than the limit.</summary>
    public IQueryable<TView> Query(IQueryable<TView> query, PageRequest page)
    {
        if (page is { AfterTime: { } afterTime, AfterId: { } afterId })
        {
            // The cursor's time goes to PostgreSQL as text and is cast as the stored one is, so both are rounded to the same microsecond.
            var keyset = $"({TimeSql}, d.id) {(NewestFirst ? "<" : ">")} ({TimestampFunction}(?), ?)";
            var at = Format(afterTime);
            query = query.Where(v => v.MatchesSql(keyset, at, afterId));
        }

        query = NewestFirst ? query.OrderByDescending(Time).ThenByDescending(Id) : query.OrderBy(Time).ThenBy(Id);
        return query.Take(page.Limit + 1);
    }

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private string Encode(DateTimeOffset at, string id) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Name}|{Format(at)}|{id}"));

    private (DateTimeOffset At, object Id)? Decode(string cursor)
    {
        if (cursor.Length is 0 or > MaxCursorLength || !Base64Url.IsValid(cursor))
            return null;
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return null;
        }

        var parts = text.Split('|');
        if (parts.Length != 3 || parts[0] != Name
            || !DateTimeOffset.TryParseExact(parts[1], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal,
                out var at))
            return null;
        return ParseId(parts[2]) is { } id ? (at, id) : null;
    }
}

public static class PagedIds
{
    public static object? Guid(string text) => System.Guid.TryParseExact(text, "D", out var id) ? id : null;

    public static object? Text(string text) => text.Length is > 0 and <= 200 ? text : null;
}
