using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.LocalRunner.Hosting;

namespace ServerlessInventory.LocalRunner.Http;

/// <summary>
/// Maps every HTTP-triggered function to the route Azure gives it (<c>/api/</c> + its Route) and methods, and runs
/// it as the ASP.NET Core integration does: the function gets the <see cref="HttpRequest"/>, its route values by
/// name, and returns an <see cref="IActionResult"/> that is executed on the response. A function whose trigger is not
/// Anonymous is behind <see cref="FunctionKeys"/>, as the Functions host puts it behind its keys: declaring the level
/// is all a new function does to be protected.
/// </summary>
public static class FunctionEndpoints
{
    public const string RoutePrefix = "api";

    public static string PatternOf(FunctionEntry function, HttpTriggerAttribute trigger) => $"/{RoutePrefix}/{trigger.Route ?? function.Name}";

    public static IEndpointRouteBuilder MapFunctionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        foreach (var (function, trigger) in FunctionCatalog.WithTrigger<HttpTriggerAttribute>())
        {
            var methods = (trigger.Methods ?? ["get", "post"]).Select(m => m.ToUpperInvariant()).ToArray();
            var authorization = new FunctionAuthorization(trigger.AuthLevel);
            var endpoint = endpoints.MapMethods(PatternOf(function, trigger), methods, (HttpContext context) => InvokeAsync(context, function))
                .WithName(function.Name)
                .WithMetadata(function.Method, authorization)
                // A function's summary and description attributes are its operation's text in the OpenAPI document.
                .WithMetadata([.. function.Method.GetCustomAttributes(inherit: true).Where(a => a is IEndpointSummaryMetadata or IEndpointDescriptionMetadata)]);
            if (authorization.RequiresKey)
            {
                endpoint.AddEndpointFilter(FunctionKeys.RequireAsync);
            }
        }
        return endpoints;
    }

    private static async Task InvokeAsync(HttpContext context, FunctionEntry function)
    {
        var routeValues = context.Request.RouteValues.ToDictionary(v => v.Key, v => v.Value?.ToString(), StringComparer.OrdinalIgnoreCase);
        var result = await FunctionInvoker.InvokeAsync(
            context.RequestServices,
            function,
            new Dictionary<Type, object> { [typeof(HttpRequest)] = context.Request },
            routeValues,
            context.RequestAborted).ConfigureAwait(false);
        var actionResult = result as IActionResult ?? throw new InvalidOperationException($"{function.Name} returned no IActionResult");
        await actionResult.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor())).ConfigureAwait(false);
    }
}
