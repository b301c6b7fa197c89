using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Operations;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops;

/// <summary>
/// <c>DELETE /api/ops/channels/{channel}</c>: removes the registration and its mappings; with <c>If-Match</c> (the ETag
/// from GET) only if nobody edited it since (else 412), as a PUT. A channel that is also configured falls back to its
/// configuration once the catalog cache expires (<c>ChannelRegistry:CacheDuration</c>).
/// </summary>
public sealed class RemoveChannel(ChannelRegistryHandler handler)
{
    [Function(nameof(RemoveChannel))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "delete", Route = "ops/channels/{channel}")] HttpRequest request,
        string channel,
        CancellationToken cancellationToken)
        => ApiResults.ValidatedAsync(async () =>
            ChannelEditResults.ToActionResult(await handler.RemoveAsync(
                new ChannelId(channel), ChannelETag.Parse(request.Headers[HeaderNames.IfMatch].ToString()), cancellationToken).ConfigureAwait(false)));
}
