using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops;

/// <summary>
/// <c>DELETE /api/ops/channels/{channel}</c>: removes the registration and its mappings. A channel that is also
/// configured falls back to its configuration once the catalog cache expires (<c>ChannelRegistry:CacheDuration</c>).
/// </summary>
public sealed class RemoveChannel(IChannelRegistry registry)
{
    [Function(nameof(RemoveChannel))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "delete", Route = "ops/channels/{channel}")] HttpRequest request,
        string channel,
        CancellationToken cancellationToken)
        => ApiResults.ValidatedAsync(async () =>
        {
            var id = new ChannelId(channel);
            return await registry.RemoveAsync(id, cancellationToken).ConfigureAwait(false)
                ? new StatusCodeResult(StatusCodes.Status204NoContent)
                : ApiResults.NotFound($"channel '{id}' is not registered");
        });
}
