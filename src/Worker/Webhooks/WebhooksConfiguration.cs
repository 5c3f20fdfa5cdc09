using Hangfire;
using HipLog.Worker.Jobs;
using HipLog.Domain.Webhooks;

namespace HipLog.Worker.Webhooks;

public static class WebhooksConfiguration
{
    /// <summary>Posts recommendations to runners' webhooks, through a client that reaches only the destinations the rules allow.</summary>
    public static WebApplicationBuilder AddHipLogWebhooks(this WebApplicationBuilder builder)
    {
        var webhooks = builder.Configuration.GetSection(WebhookSettings.Section).Get<WebhookSettings>() ?? new WebhookSettings();
        builder.Services.AddSingleton(webhooks);
        builder.Services.AddTransient<SendWebhook>();
        builder.Services.AddTransient<WebhookOutbox>();
        builder.Services.AddHostedService<SendLostWebhooksOnStart>();
        builder.Services.AddRecurringJob<WebhookOutbox>(WebhookOutbox.RecurringJobId, Cron.Minutely(), j => j.RunAsync());
        builder.Services.AddHttpClient(SendWebhook.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => WebhookClient.Handler(webhooks));
        return builder;
    }
}
