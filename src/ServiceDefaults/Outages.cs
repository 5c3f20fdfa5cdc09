using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HipLog.ServiceDefaults;

/// <summary>What a PostgreSQL outage looks like to a host, and how often it is worth a log line.</summary>
public static class Outages
{
    /// <summary>PostgreSQL down, restarting or not accepting connections: a broken or refused connection, not a bad query.</summary>
    public static bool IsUnreachable(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is PostgresException pg)
                return pg.SqlState is "57P01" or "57P02" or "57P03" or "53300" or "08000" or "08003" or "08006";
            if (e is NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException)
                return true;
            if (e is AggregateException { InnerExceptions.Count: > 0 } many)
                return many.InnerExceptions.All(IsUnreachable);
        }

        return false;
    }

    /// <summary>
    /// In a host's background services (the daemon, Hangfire, the health checks), each retry of each loop logs an outage
    /// with a stack trace, hundreds of lines for ten seconds of PostgreSQL away. Through these loggers such a line is
    /// written at most once a second, as a warning without the trace and with a count of those left out.
    /// </summary>
    public static IHostApplicationBuilder AddHipLogQuietOutages(this IHostApplicationBuilder builder)
    {
        var pace = new Pace();
        var providers = builder.Services.Where(d => d.ServiceType == typeof(ILoggerProvider)).ToList();
        foreach (var provider in providers)
        {
            builder.Services.Remove(provider);
            builder.Services.AddSingleton<ILoggerProvider>(sp => new QuietProvider(Create(sp, provider), pace));
        }

        return builder;
    }

    private static ILoggerProvider Create(IServiceProvider sp, ServiceDescriptor d) => (ILoggerProvider)(d.ImplementationInstance
        ?? d.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, d.ImplementationType!));

    /// <summary>Once a second at most, across threads; counts the occasions let go in between.</summary>
    public sealed class Pace
    {
        private long last = long.MinValue / 2;
        private int skipped;

        /// <returns>Whether to log now, and how many were let go since the last line.</returns>
        public (bool Now, int Skipped) Next()
        {
            // Wall time of this process, not the application's clock: this only paces the log.
            var now = Environment.TickCount64;
            var previous = Interlocked.Read(ref last);
            if (now - previous < 1000 || Interlocked.CompareExchange(ref last, now, previous) != previous)
            {
                Interlocked.Increment(ref skipped);
                return (false, 0);
            }

            return (true, Interlocked.Exchange(ref skipped, 0));
        }
    }

    private sealed class QuietProvider(ILoggerProvider inner, Pace pace) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new QuietLogger(inner.CreateLogger(categoryName), pace);

        public void Dispose() => inner.Dispose();
    }

    private sealed class QuietLogger(ILogger inner, Pace pace) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            if (exception is null || logLevel < LogLevel.Warning || !IsUnreachable(exception))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            var (now, skipped) = pace.Next();
            if (now)
                inner.Log(LogLevel.Warning, eventId, state, null, (s, _) =>
                    $"PostgreSQL is unreachable ({exception.GetBaseException().GetType().Name}): {formatter(s, null)} " +
                    $"({skipped} more such lines since the last)");
        }
    }
}
