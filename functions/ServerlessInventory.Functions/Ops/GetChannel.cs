using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Operations;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops;

/// <summary>
/// <c>GET /api/ops/channels/{channel}</c>: one registered channel, with its concurrency token as the ETag header to
/// send back as <c>If-Match</c> when editing it.
/// </summary>
public sealed class GetChannel(ChannelRegistryHandler handler)
{
    [Function(nameof(GetChannel))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "ops/channels/{channel}")] HttpRequest request,
        string channel,
        CancellationToken cancellationToken)
        => ApiResults.ValidatedAsync(async () =>
            ChannelEditResults.ToActionResult(await handler.GetAsync(new ChannelId(channel), cancellationToken).ConfigureAwait(false)));
}
