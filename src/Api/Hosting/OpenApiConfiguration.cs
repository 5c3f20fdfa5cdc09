using Microsoft.OpenApi;

namespace HipLog.Api.Hosting;

/// <summary>The API description at /openapi/v1.json and a page at /api-docs to try it with a token; both open without one.</summary>
public static class OpenApiConfiguration
{
    public const string DocsPath = "api-docs";

    public static WebApplicationBuilder AddHipLogOpenApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(o => o
            .AddOperationTransformer((operation, context, _) =>
            {
                // The document requires the bearer token everywhere; an endpoint open without one says so, with an empty requirement list.
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>()
                    .Any())
                    operation.Security = [];
                // Wolverine fills the description with the operation id and lists an IResult 200 beside the real answer.
                if (operation.Description == operation.OperationId)
                    operation.Description = null;
                if (operation.Responses is { } responses && responses.Keys.Any(k => k is "201" or "204")
                    && responses.TryGetValue("200", out var ok)
                        && ok.Content?.Values.Any(c => c.Schema is OpenApiSchemaReference { Reference.Id: "IResult" }) == true)
                    responses.Remove("200");
                return Task.CompletedTask;
            })
            .AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type.GetCustomAttributes(typeof(OpenApiExampleAttribute),
                    false) is [OpenApiExampleAttribute example])
                    schema.Examples = [example.Example];
                return Task.CompletedTask;
            })
            .AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "HipLog API";
            document.Info.Description =
                "Runners log runs, hip-pain reports and stretch sessions; HipLog turns them into pain trends and stretch routines. " +
                "Every /runners/{runnerId} path needs a bearer token whose subject is that runner id.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token whose subject is the runner id (dotnet run --project src/Api -- token <runnerId>).",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static WebApplication MapHipLogOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }

    /// <summary>Static files of the API page; before authentication, since the page itself needs no token.</summary>
    public static WebApplication UseHipLogApiPage(this WebApplication app)
    {
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = DocsPath;
            o.SwaggerEndpoint("/openapi/v1.json", "HipLog API v1");
            o.DocumentTitle = "HipLog API";
            o.EnablePersistAuthorization();
        });
        return app;
    }
}
