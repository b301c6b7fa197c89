using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Operations;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops;

/// <summary>
/// <c>PUT /api/ops/channels/{channel}</c>: registers a channel (no <c>If-Match</c>; 201) or replaces it (<c>If-Match</c>
/// with the ETag from GET; 200); a stale tag is 412, a create of a channel that exists 409 (the rules:
/// <see cref="ChannelRegistryHandler"/>). The catalog picks the edit up within <c>ChannelRegistry:CacheDuration</c>.
/// </summary>
public sealed class SaveChannel(ChannelRegistryHandler handler)
{
    [Function(nameof(SaveChannel))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "put", Route = "ops/channels/{channel}")] HttpRequest request,
        string channel,
        CancellationToken cancellationToken)
        => ApiResults.ValidatedAsync(async () =>
        {
            var id = new ChannelId(channel);
            var ifMatch = ChannelETag.Parse(request.Headers[HeaderNames.IfMatch].ToString());
            var body = await RequestBody.ReadJsonAsync<ChannelRequest>(request, cancellationToken).ConfigureAwait(false);
            return ChannelEditResults.ToActionResult(await handler.SaveAsync(id, ifMatch, body, cancellationToken).ConfigureAwait(false));
        });
}
