using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace HipLog.ServiceDefaults;

/// <summary>
/// Traces, metrics and the log format, the same in both hosts: OpenTelemetry with the ASP.NET Core, HttpClient, runtime,
/// Npgsql, Marten and Wolverine sources; OTLP export when OTEL_EXPORTER_OTLP_ENDPOINT is set; a Prometheus scrape
/// endpoint at /metrics for operators (see <see cref="OperatorAccess"/>).
/// </summary>
public static class TelemetryConfiguration
{
    public const string MetricsPath = "/metrics";

    /// <summary>The sources the critter stack emits on: Marten's sessions and daemon, Wolverine's handlers and endpoints.</summary>
    private static readonly string[] CritterStack = ["Marten", "Wolverine"];

    public static IHostApplicationBuilder AddHipLogTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        ConfigureLogs(builder);
        var exportsOtlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } named ? named : serviceName))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(CritterStack)
                .AddMeter(HipLogMetrics.MeterName)
                .AddPrometheusExporter());
        // Spans are recorded only where they go somewhere: with no collector, recording every request's, command's and
        // Marten session's spans cost about 0.15 ms of the Api's CPU per write (bench/run.sh) for nothing. Log lines keep
        // their trace ids without it (ASP.NET Core starts a request's activity for logging alone).
        if (exportsOtlp)
            AddTracing(telemetry);
        else
            // Without a tracer a request still needs its activity, or log lines lose their trace ids; propagation data only.
            _ = RequestActivities.Value;
        return builder.AddOperatorAccess();
    }

    private static void ConfigureLogs(IHostApplicationBuilder builder)
    {
        // A log line written inside a request or a traced job carries its trace and span ids (JSON: in "Scopes").
        const ActivityTrackingOptions ids =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId;
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ids);
        // Marten logs every command with its parameter values at Debug, and again on failure: values a runner wrote. The
        // step that meets a failure logs it (without values); Marten's own command log stays off at any level.
        builder.Logging.AddFilter("Marten.IDocumentStore", LogLevel.None);
        // ASP.NET Core puts each request's path into a scope of every line logged during it, and a calendar feed's path
        // is its credential. Its lines ("Request starting …") are below the configured level anyway; the trace id stays.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Services.Configure<JsonConsoleFormatterOptions>(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat ??= "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
    }

    private static void AddTracing(OpenTelemetryBuilder telemetry) =>
        telemetry.WithTracing(t => t
                // Probes and scrapes every few seconds would drown the traces that matter.
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = http => !IsOperatorPath(http.Request.Path);
                    // A calendar feed's address is its credential: a trace shipped to a collector must not carry it.
                    o.EnrichWithHttpRequest = (activity, request) =>
                    {
                        if (request.Path.StartsWithSegments(LoggedPaths.CalendarPrefix))
                            activity.SetTag("url.path", LoggedPaths.Of(request));
                    };
                })
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(CritterStack))
            .UseOtlpExporter();

    /// <summary>One listener for the process: a listener added per host built (tests build dozens) would be asked per request once
    /// each.</summary>
    private static readonly Lazy<ActivityListener> RequestActivities = new(() =>
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    });

    private static IHostApplicationBuilder AddOperatorAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(OperatorAccess.From(builder.Configuration, builder.Environment));
        return builder;
    }

    /// <summary>
    /// /metrics answers whom <see cref="OperatorAccess"/> lets in; anyone else gets a bare refusal
    /// (<see cref="OperatorPages.Admit"/>).
    /// </summary>
    public static IEndpointRouteBuilder MapHipLogMetrics(this IEndpointRouteBuilder app)
    {
        var access = app.ServiceProvider.GetRequiredService<OperatorAccess>();
        // The scrape endpoint is a plain request delegate (endpoint filters never run on it): the check runs in its branch.
        app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use((http, next) =>
                access.Admit(http, "HipLog metrics") ? next(http) : Task.CompletedTask),
            optionsName: null).AllowAnonymous();
        return app;
    }

    /// <summary>The health probes and the metrics scrape: asked every few seconds by machines, not by runners.</summary>
    public static bool IsOperatorPath(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsPath);
}
