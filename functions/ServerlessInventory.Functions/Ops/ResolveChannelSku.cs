using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops;

/// <summary><c>GET /api/ops/channels/{channel}/skus/{channelSku}</c>: the master SKU a channel's SKU stands for, through its mapping.</summary>
public sealed class ResolveChannelSku(ResolveChannelSkuHandler handler)
{
    [Function(nameof(ResolveChannelSku))]
    [EndpointSummary("The master SKU and unit factor a channel's own SKU is mapped to, as an event from that channel would be mapped.")]
    [EndpointDescription(
        "mapped is false when the channel has no mapping for the SKU and takes it as the master SKU itself (unit factor 1). " +
        "404 problem+json when the channel is not configured, or it requires mapped SKUs and this one has none.")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "ops/channels/{channel}/skus/{channelSku}")] HttpRequest request,
        string channel,
        string channelSku,
        CancellationToken cancellationToken)
        => ApiResults.ValidatedAsync(async () =>
        {
            Query.AllowOnly(request);
            var id = new ChannelId(channel);
            var view = await handler.HandleAsync(id, channelSku, cancellationToken).ConfigureAwait(false);
            return view is null
                ? ApiResults.NotFound($"channel '{id}' is not configured or does not list SKU '{channelSku}'")
                : ApiResults.Json(StatusCodes.Status200OK, new ChannelSkuBody(view.Channel.Value, view.ChannelSku, view.Sku.Value, view.UnitFactor, view.Mapped));
        });
}

public sealed record ChannelSkuBody(string Channel, string ChannelSku, string Sku, int UnitFactor, bool Mapped);
