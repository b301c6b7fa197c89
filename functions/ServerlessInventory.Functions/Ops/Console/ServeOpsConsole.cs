using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops.Console;

/// <summary>
/// <c>GET /api/ops/console/{*path}</c>: the ops console in Azure, opened as <c>.../api/ops/console/?code=&lt;admin key&gt;</c>.
/// The runner serves the same files at <c>/</c>.
/// </summary>
public sealed class ServeOpsConsole
{
    [Function(nameof(ServeOpsConsole))]
    [EndpointSummary("The ops console page, its stylesheet and its script (text/html, text/css, text/javascript).")]
    public IActionResult Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "ops/console/{*path}")] HttpRequest request,
        string? path)
    {
        // Without the trailing slash the page's relative references would resolve beside it, outside the console.
        if (string.IsNullOrEmpty(path) && !request.Path.Value!.EndsWith('/'))
        {
            return new RedirectResult(request.Path.Value + "/" + request.QueryString.Value);
        }
        var asset = OpsConsoleAssets.Find(path, request.Query["code"].FirstOrDefault());
        if (asset is null)
        {
            return ApiResults.NotFound($"the ops console has no file '{path}'");
        }
        OpsConsoleAssets.WriteHeaders(request.HttpContext.Response.Headers, asset);
        return new FileContentResult(asset.Content, asset.ContentType);
    }
}
