using HipLog.Api.Auth;
using HipLog.Api.DataRights;
using HipLog.Api.Hosting;
using HipLog.Api.Http;
using HipLog.Api.Imports;
using HipLog.Api.Security;
using HipLog.ServiceDefaults;
using JasperFx;

var builder = WebApplication.CreateBuilder(args);

builder.AddHipLogProxies();
builder.AddHipLogDefaults();
builder.AddHipLogStorage();
builder.AddHipLogAuth();
builder.AddHipLogSecurity();
builder.AddHipLogDataRights();
builder.AddHipLogImports();
builder.AddHipLogHealth();
builder.AddHipLogTelemetry("hiplog-api");
builder.AddHipLogOpenApi();

var app = builder.Build();

app.UseHipLogProxies();
app.UseHipLogHeaders();
app.UseHipLogErrors();
app.UseHipLogApiPage();
app.UseHipLogInputGuards();
app.UseAuthentication();
app.UseHipLogRateLimits();
app.UseAuthorization();
app.UseHipLogUnknownRunners();
app.UseHipLogRequestBodies();
app.MapHipLogHealth();
app.MapHipLogMetrics();
app.MapHipLogOpenApi();
app.MapHipLogEndpoints();

return await app.RunJasperFxCommands(args);
