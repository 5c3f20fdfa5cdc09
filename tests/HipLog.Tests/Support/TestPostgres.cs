using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DotNet.Testcontainers.Configurations;
using Npgsql;
using Testcontainers.PostgreSql;

namespace HipLog.Tests.Support;

/// <summary>
/// One PostgreSQL server for the whole test run, found in this order (docs/testing.md): a connection string in
/// HIPLOG_TEST_POSTGRES; Testcontainers when a Docker engine answers; a throwaway cluster started from
/// local PostgreSQL binaries on a free loopback port. Each test class then gets its own database.
/// </summary>
public static class TestPostgres
{
    public const string EnvironmentVariable = "HIPLOG_TEST_POSTGRES";

    private static readonly Lazy<Task<IServer>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int databaseCounter;

    /// <summary>Creates an empty database and answers its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var server = await Server.Value;
        var purposeName = new string(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(40).ToArray());
        var name = $"hiplog_{purposeName}_{Environment.ProcessId}_{Interlocked.Increment(ref databaseCounter)}";
        await using (var connection = new NpgsqlConnection(server.AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"create database \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        // Every host a test starts leaves its pools behind when it stops, idle but open for Npgsql's default five minutes;
        // with ~70 test databases in a run (Hangfire's long polling alone holds four per Worker) the cluster ran out of
        // connections ("too many clients") and writes answered 503. Idle connections now close within seconds.
        return new NpgsqlConnectionStringBuilder(server.AdminConnectionString)
        {
            Database = name, Pooling = true, MaxPoolSize = 40, ConnectionIdleLifetime = 10, ConnectionPruningInterval = 5,
        }.ConnectionString;
    }

    /// <summary>
    /// A cluster of its own, from the local binaries, for a test that stops and starts PostgreSQL under a running host.
    /// It keeps its port across restarts.
    /// </summary>
    public static async Task<DedicatedCluster> StartDedicatedAsync()
    {
        var bin = LocalCluster.FindBinaries()
                  ?? throw new InvalidOperationException("This test stops and starts PostgreSQL, so it needs the server binaries " +
                      "(apt-get " +
                      "install postgresql).");
        var cluster = await LocalCluster.StartAsync(bin);
        var admin = cluster.AdminConnectionString;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("create database hiplog_dedicated", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new DedicatedCluster((LocalCluster)cluster,
            new NpgsqlConnectionStringBuilder(admin) { Database = "hiplog_dedicated" }.ConnectionString);
    }

    public sealed class DedicatedCluster(IServer cluster, string connectionString) : IAsyncDisposable
    {
        public string ConnectionString => connectionString;

        public Task StopAsync() => ((LocalCluster)cluster).RunAsync("pg_ctl", $"-D {((LocalCluster)cluster).Directory} -m fast -w stop");

        public Task StartAsync() => ((LocalCluster)cluster).StartServerAsync();

        public ValueTask DisposeAsync()
        {
            ((LocalCluster)cluster).Stop();
            return ValueTask.CompletedTask;
        }
    }

    private static async Task<IServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
            return new ExternalServer(configured);

        if (TestcontainersSettings.OS.DockerEndpointAuthConfig is not null)
        {
            try
            {
                return await ContainerServer.StartAsync();
            }
            catch (Exception e) when (LocalCluster.FindBinaries() is not null)
            {
                Console.Error.WriteLine($"Testcontainers could not start PostgreSQL ({e.GetType().Name}); using local binaries.");
            }
        }

        if (LocalCluster.FindBinaries() is { } bin)
            return await LocalCluster.StartAsync(bin);

        throw new InvalidOperationException(
            "The tests need PostgreSQL and found none. Either set HIPLOG_TEST_POSTGRES to a connection string of a server " +
            "where the user may create databases, or start a Docker engine (Testcontainers will run postgres), or install " +
            "the PostgreSQL server binaries (Debian: apt-get install postgresql) so the tests can start a throwaway cluster.");
    }

    public interface IServer
    {
        string AdminConnectionString { get; }
    }

    private sealed record ExternalServer(string AdminConnectionString) : IServer;

    private sealed class ContainerServer(PostgreSqlContainer container) : IServer
    {
        public string AdminConnectionString => container.GetConnectionString();

        public static async Task<IServer> StartAsync()
        {
            var container = new PostgreSqlBuilder("postgres:16-alpine").Build();
            await container.StartAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return new ContainerServer(container);
        }
    }

    public sealed class LocalCluster(string bin, string directory, int port) : IServer
    {
        public string AdminConnectionString => $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";

        public static string? FindBinaries()
        {
            var candidates = new List<string>();
            if (Environment.GetEnvironmentVariable("HIPLOG_PG_BIN") is { Length: > 0 } explicitBin)
                candidates.Add(explicitBin);
            if (System.IO.Directory.Exists("/usr/lib/postgresql"))
                candidates.AddRange(System.IO.Directory.GetDirectories("/usr/lib/postgresql")
                    .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                    .Select(d => Path.Combine(d, "bin")));
            candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
            return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        }

        public static async Task<IServer> StartAsync(string bin)
        {
            // The cluster lives under /tmp, which the postgres user can write when the tests run as root.
            var directory = Path.Combine(Path.GetTempPath(), $"hiplog-test-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
            var port = FreePort();
            var cluster = new LocalCluster(bin, directory, port);
            await cluster.RunAsync("initdb", $"-D {directory} -U postgres --auth=trust -E UTF8 --no-locale");
            await cluster.StartServerAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
            return cluster;
        }

        public string Directory => directory;

        // Durability settings off: this data is thrown away at the end of the run.
        public Task StartServerAsync() => RunAsync("pg_ctl",
            $"-D {directory} -l {directory}/server.log -w -t 60 -o \"-p {port} -k {directory} -c listen_addresses=127.0.0.1 " +
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start");

        public void Stop()
        {
            try
            {
                RunAsync("pg_ctl", $"-D {directory} -m immediate -w stop").GetAwaiter().GetResult();
            }
            catch (InvalidOperationException)
            {
                // Already stopped (a test that stops its own cluster may end while it is down).
            }
            finally
            {
                try { System.IO.Directory.Delete(directory,
                    recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }

        public async Task RunAsync(string tool, string arguments)
        {
            var asRoot = Environment.UserName == "root";
            var start = asRoot
                ? new ProcessStartInfo("runuser", $"-u postgres -- {Path.Combine(bin, tool)} {arguments}")
                : new ProcessStartInfo(Path.Combine(bin, tool), arguments);
            start.RedirectStandardOutput = start.RedirectStandardError = true;
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await output}{await error}");
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
