using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace HipLog.Tests.Support;

/// <summary>Every line a host logs, kept for the test to read: what an operator would find in the log.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public sealed record Line(DateTimeOffset At, string Category, LogLevel Level, string Message, Exception? Exception);

    private readonly ConcurrentQueue<Line> lines = new();

    public IReadOnlyList<Line> Lines => [.. lines];

    /// <summary>Information by default; a test that reads what Debug would show lowers it before the host starts.</summary>
    public LogLevel Minimum { get; set; } = LogLevel.Information;

    public IReadOnlyList<Line> Since(DateTimeOffset at) => lines.Where(l => l.At >= at).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= logs.Minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?,
            string> formatter)
        {
            if (IsEnabled(logLevel))
                logs.lines.Enqueue(new Line(DateTimeOffset.UtcNow, category, logLevel, formatter(state, exception), exception));
        }
    }
}
