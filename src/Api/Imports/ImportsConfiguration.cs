namespace HipLog.Api.Imports;

public static class ImportsConfiguration
{
    /// <summary>The archive budget of this Api; Imports:StoreWaitSeconds is how long an upload waits for it (90 s).</summary>
    public static WebApplicationBuilder AddHipLogImports(this WebApplicationBuilder builder)
    {
        var wait = builder.Configuration.GetValue<int?>("Imports:StoreWaitSeconds") ?? 90;
        builder.Services.AddSingleton(new ArchiveStores(TimeSpan.FromSeconds(Math.Max(wait, 0))));
        return builder;
    }
}
