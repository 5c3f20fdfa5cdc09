using System.Text.Encodings.Web;
using System.Text.Unicode;
using HipLog.Api.Auth;
using HipLog.Api.Http.Problems;
using HipLog.Api.Http.Writes;
using HipLog.Domain.Storage;
using HipLog.Domain.Watch;
using HipLog.Domain.Webhooks;
using HipLog.Domain.Wire;
using JasperFx;
using Marten;
using Npgsql;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace HipLog.Api.Hosting;

public static class HostingConfiguration
{
    public static WebApplicationBuilder AddHipLogDefaults(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(PublicUrls.From(builder.Configuration));
        // The pages are Razor components rendered on the server. Every character a runner types is encoded as markup needs
        // it (<, &, quotes); other letters and signs are written as they are, so a page reads the same in its source.
        builder.Services.AddRazorComponents();
        builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        builder.Services.AddSingleton(builder.Configuration.GetSection(WebhookSettings.Section).Get<WebhookSettings>()
            ?? new WebhookSettings());
        builder.Services.ConfigureSystemTextJsonForWolverineOrMinimalApi(o => HipLogJson.Configure(o.SerializerOptions));
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            JsonProblems.Rewrite(c);
            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier;
        });
        return builder;
    }

    public static WebApplicationBuilder AddHipLogStorage(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.RequireHipLogConnectionString();

        // The Api holds no session state on its connections (no session locks, LISTEN or temporary tables: Wolverine
        // runs as a mediator only), so a connection goes back to the pool without DISCARD ALL. The reset cost a
        // statement per request and threw away PostgreSQL's cached plans of Marten's append function every time.
        // Statements the Api sends again and again are prepared on each connection, so PostgreSQL plans them once, not on
        // every request (Marten's queries on computed indexes cost about a millisecond to plan).
        var apiConnection = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true, MaxAutoPrepare = 64,
            AutoPrepareMinUsages = 3, MaxPoolSize = ConnectionBudget.Of(builder.Configuration, ConnectionBudget.ApiDefault) }
            .ConnectionString;
        builder.Services.AddMarten(sp =>
            {
                var options = new StoreOptions().ConfigureHipLog(apiConnection, sp.GetRequiredService<TimeProvider>());
                options.Listeners.Add(new CountEntriesWritten());
                return options;
            })
            .UseLightweightSessions()
            // Api and Worker may start together on an empty database: create the whole schema up front, under
            // Marten's lock, rather than table by table on first use, where the two raced.
            .ApplyAllDatabaseChangesOnStartup()
            .IntegrateWithWolverine(w => w.MessageStorageSchemaName = "wolverine");

        // JasperFx and Wolverine otherwise take the application assembly from the first host started in the
        // process; in a test run where a Worker started first, the Api scanned the Worker for endpoints and
        // came up without routes.
        builder.Services.CritterStackDefaults(o => o.ApplicationAssembly = typeof(HostingConfiguration).Assembly);
        builder.Host.UseWolverine(o =>
        {
            o.ApplicationAssembly = typeof(HostingConfiguration).Assembly;
            // The Api sends no messages: Wolverine serves its HTTP endpoints and their Marten transactions, nothing more.
            o.Durability.Mode = DurabilityMode.MediatorOnly;
            o.Policies.AutoApplyTransactions();
            o.ServiceName = "hiplog-api";
        });
        builder.Services.AddWolverineHttp();
        builder.Services.AddSingleton<RunnerTurns>();
        return builder;
    }

    public static WebApplication UseHipLogErrors(this WebApplication app)
    {
        app.UseExceptionHandler();
        // Bare 401, 403, 404, 405, 406 and 415 answers become problem details too.
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>
    /// Wolverine's endpoints: an unreadable query value is a 400, every /runners route is the runner's own, and every
    /// write to a runner's log takes the runner's turn and keeps its answer for a retry (<see cref="RunnerWrites"/>).
    /// </summary>
    public static WebApplication MapHipLogEndpoints(this WebApplication app)
    {
        app.MapWolverineEndpoints(o =>
        {
            o.RejectUnparseableQueryValues = true;
            o.RequireRunnerOwnership();
            o.AddPolicy<RunnerWritesPolicy>();
            o.AddPolicy<Sharing.PatientReadPolicy>();
        });
        return app;
    }
}
