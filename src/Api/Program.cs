using HipLog.Api.Auth;
using HipLog.Api.DataRights;
using HipLog.Api.Hosting;
using HipLog.Api.Security;
using HipLog.ServiceDefaults;
using JasperFx;
using Wolverine.Http;

var builder = WebApplication.CreateBuilder(args);

builder.AddHipLogDefaults();
builder.AddHipLogStorage();
builder.AddHipLogAuth();
builder.AddHipLogSecurity();
builder.AddHipLogHealth();
builder.AddHipLogTelemetry("hiplog-api");
builder.AddHipLogOpenApi();

var app = builder.Build();

app.UseHipLogHeaders();
app.UseHipLogErrors();
app.UseHipLogApiPage();
app.UseHipLogInputGuards();
app.UseAuthentication();
app.UseHipLogRateLimits();
app.UseAuthorization();
app.UseHipLogUnknownRunners();
app.UseHipLogWriteSafety();
app.MapHipLogHealth();
app.MapHipLogMetrics();
app.MapHipLogOpenApi();
app.MapWolverineEndpoints(o =>
{
    o.RejectUnparseableQueryValues = true;
    o.RequireRunnerOwnership();
});

return await app.RunJasperFxCommands(args);
