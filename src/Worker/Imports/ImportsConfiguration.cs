using Hangfire;
using HipLog.Domain.Imports;
using HipLog.Worker.Jobs;
using Marten;

namespace HipLog.Worker.Imports;

public static class ImportsConfiguration
{
    public const string SubscriptionName = "import-requests";

    /// <summary>An archive stored by the Api starts its import job at once; a sweep restarts any whose job was lost.</summary>
    public static WebApplicationBuilder AddHipLogImports(this WebApplicationBuilder builder,
        MartenServiceCollectionExtensions.MartenConfigurationExpression marten)
    {
        builder.Services.AddSingleton(builder.Configuration.GetSection(ImportSettings.Section).Get<ImportSettings>()
            ?? new ImportSettings());
        builder.Services.AddSingleton<ImportArchives>();
        builder.Services.AddTransient<ImportRuns>();
        builder.Services.AddTransient<ResumeImports>();
        builder.Services.AddRecurringJob<ResumeImports>(ResumeImports.RecurringJobId, "*/5 * * * *", j => j.RunAsync());
        marten.AddJobStarter<ImportRequests, RunImportRequested>(SubscriptionName);
        return builder;
    }
}

/// <summary>Starts the import job of each archive the Api stored.</summary>
public sealed class ImportRequests(IBackgroundJobClient jobs) : JobStarter<RunImportRequested>(jobs)
{
    protected override void Start(IBackgroundJobClient jobs, RunImportRequested requested)
        => jobs.Enqueue<ImportRuns>(j => j.RunAsync(requested.ImportId, CancellationToken.None));
}
