using ServerlessInventory.Functions.Ops.Console;

namespace ServerlessInventory.LocalRunner.Http;

/// <summary>
/// The ops console at the runner's root (<c>http://localhost:7071/</c>): the same embedded files the function app
/// serves at <c>/api/ops/console/</c>. The files hold no data and are served without a key; every API call the page
/// makes is checked like any other (<see cref="FunctionKeys"/>), and the page asks for the key when one is required.
/// </summary>
public static class OpsConsoleEndpoints
{
    public static IEndpointRouteBuilder MapOpsConsole(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (HttpContext context) => Serve(context, OpsConsoleAssets.PageName)).ExcludeFromDescription();
        foreach (var name in OpsConsoleAssets.Names.Where(n => n != OpsConsoleAssets.PageName))
        {
            endpoints.MapGet("/" + name, (HttpContext context) => Serve(context, name)).ExcludeFromDescription();
        }
        return endpoints;
    }

    private static IResult Serve(HttpContext context, string name)
    {
        var asset = OpsConsoleAssets.Find(name)!;
        OpsConsoleAssets.WriteHeaders(context.Response.Headers, asset);
        return Results.Bytes(asset.Content, asset.ContentType);
    }
}
