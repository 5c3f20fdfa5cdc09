using Hangfire.Logging;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace HipLog.Worker.Jobs;

/// <summary>
/// Hangfire's log provider is one static for the whole process, set by the host that configured Hangfire last. Once
/// that host stops, its logger factory is disposed, and every other host's job workers fail on their next log call and
/// fetch no more jobs (seen when one Worker of two in a process stops). This one forwards to its host's loggers while
/// they live and drops the message after, so a stopped host cannot stop another's jobs.
/// </summary>
public sealed class JobLogs(ILoggerFactory loggers) : ILogProvider
{
    public ILog GetLogger(string name)
    {
        try
        {
            return new HostLog(loggers.CreateLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new HostLog(null);
        }
    }

    private sealed class HostLog(ILogger? logger) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var level = logLevel switch
            {
                Hangfire.Logging.LogLevel.Trace => MsLogLevel.Trace,
                Hangfire.Logging.LogLevel.Debug => MsLogLevel.Debug,
                Hangfire.Logging.LogLevel.Info => MsLogLevel.Information,
                Hangfire.Logging.LogLevel.Warn => MsLogLevel.Warning,
                Hangfire.Logging.LogLevel.Error => MsLogLevel.Error,
                _ => MsLogLevel.Critical,
            };
            try
            {
                if (logger is null || !logger.IsEnabled(level))
                    return false;
                if (messageFunc is not null)
                    logger.Log(level, 0, messageFunc(), exception, (message, _) => message);
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
