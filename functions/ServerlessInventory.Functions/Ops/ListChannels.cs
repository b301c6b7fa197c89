using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Operations;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops;

/// <summary>
/// <c>GET /api/ops/channels</c>: the channels registered at run time, ordered by id. Channels only in configuration
/// are not listed: this is what ops edited, not the whole catalog (a registered channel replaces the configured one).
/// </summary>
public sealed class ListChannels(ChannelRegistryHandler handler)
{
    [Function(nameof(ListChannels))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "ops/channels")] HttpRequest request,
        CancellationToken cancellationToken) =>
        ApiResults.Json(StatusCodes.Status200OK, new ChannelListBody(await handler.ListAsync(cancellationToken).ConfigureAwait(false)));
}
