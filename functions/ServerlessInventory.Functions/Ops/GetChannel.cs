using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops;

/// <summary>
/// <c>GET /api/ops/channels/{channel}</c>: one registered channel, with its concurrency token as the ETag header to
/// send back as <c>If-Match</c> when editing it.
/// </summary>
public sealed class GetChannel(IChannelRegistry registry)
{
    [Function(nameof(GetChannel))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "ops/channels/{channel}")] HttpRequest request,
        string channel,
        CancellationToken cancellationToken)
        => ApiResults.ValidatedAsync(async () =>
        {
            var id = new ChannelId(channel);
            var registration = await registry.GetAsync(id, cancellationToken).ConfigureAwait(false);
            return registration is null
                ? ApiResults.NotFound($"channel '{id}' is not registered")
                : ChannelETag.With(ApiResults.Json(StatusCodes.Status200OK, ChannelBody.From(registration)), registration.ConcurrencyToken);
        });
}
