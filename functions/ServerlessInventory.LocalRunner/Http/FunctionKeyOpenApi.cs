using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ServerlessInventory.LocalRunner.Http;

/// <summary>
/// Declares the function key in the OpenAPI document: an API key in the <c>x-functions-key</c> header, required by
/// every operation whose function is not Anonymous, which may then answer 401. It describes the contract in Azure too, so it is declared whether
/// or not this runner has a key configured.
/// </summary>
public static class FunctionKeyOpenApi
{
    public const string SchemeName = "functionKey";

    public static OpenApiOptions AddFunctionKeySecurity(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = FunctionKeys.HeaderName,
                Description = "A function key (channels: reservations and queries) or the admin key (ops) in Azure; LocalRunner:OpsKey on the local runner when it is set. Webhooks need none: their HMAC signature authenticates them.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var authorization = context.Description.ActionDescriptor.EndpointMetadata.OfType<FunctionAuthorization>().FirstOrDefault();
            if (authorization is { RequiresKey: true })
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
                operation.Responses ??= [];
                operation.Responses.TryAdd("401", new OpenApiResponse { Description = $"No key, or a wrong one, in the {FunctionKeys.HeaderName} header (problem+json)." });
            }
            return Task.CompletedTask;
        });
        return options;
    }
}
