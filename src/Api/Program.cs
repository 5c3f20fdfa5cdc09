using HipLog.Api.Auth;
using HipLog.ServiceDefaults;
using HipLog.Api.Infrastructure;
using JasperFx;
using Wolverine.Http;

var builder = WebApplication.CreateBuilder(args);

builder.AddHipLogDefaults();
builder.AddHipLogStorage();
builder.AddHipLogAuth();
builder.AddHipLogHealth();
builder.AddHipLogOpenApi();

var app = builder.Build();

app.UseHipLogErrors();
app.UseHipLogApiPage();
app.UseAuthentication();
app.UseAuthorization();
app.UseHipLogWriteSafety();
app.MapHipLogHealth();
app.MapHipLogOpenApi();
app.MapWolverineEndpoints(o =>
{
    o.RejectUnparseableQueryValues = true;
    o.RequireRunnerOwnership();
});

return await app.RunJasperFxCommands(args);
