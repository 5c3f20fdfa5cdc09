using Hangfire;
using HipLog.Domain.Imports;
using HipLog.Worker.Jobs;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

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
        marten.AddSubscriptionWithServices<ImportRequests>(ServiceLifetime.Scoped, o =>
        {
            o.Name = SubscriptionName;
            o.IncludeType<RunImportRequested>();
        });
        return builder;
    }
}

/// <summary>Starts the import job of each archive the Api stored.</summary>
public sealed class ImportRequests(IBackgroundJobClient jobs) : SubscriptionBase
{
    public override Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken cancellationToken)
    {
        foreach (var import in page.Events.Select(e => e.Data).OfType<RunImportRequested>())
            jobs.Enqueue<ImportRuns>(j => j.RunAsync(import.ImportId, CancellationToken.None));
        return Task.FromResult(NullChangeListener.Instance);
    }
}
