using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Functions.Http;

namespace ServerlessInventory.Functions.Ops;

/// <summary><c>GET /api/ops/skus/{sku}/pushes</c>: per channel, the value and version last sent for the SKU and whether it is still owed.</summary>
public sealed class GetSkuPushes(QuerySkuPushesHandler handler)
{
    [Function(nameof(GetSkuPushes))]
    [EndpointSummary("Per channel, the availability last pushed for a SKU, its version, and whether the channel still owes an acknowledgement.")]
    [EndpointDescription(
        "One item per configured channel (in name order; version, available and updatedAt are null when the channel was never pushed the SKU), " +
        "then any channel no longer configured that still has state. owed is true while the latest value waits for the channel's acknowledgement.")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = "ops/skus/{sku}/pushes")] HttpRequest request,
        string sku,
        CancellationToken cancellationToken)
        => ApiResults.ValidatedAsync(async () =>
        {
            Query.AllowOnly(request);
            var views = await handler.HandleAsync(new Sku(sku), cancellationToken).ConfigureAwait(false);
            return ApiResults.Json(StatusCodes.Status200OK, new SkuPushesBody(sku, [.. views.Select(ChannelPushBody.From)]));
        });
}

public sealed record SkuPushesBody(string Sku, IReadOnlyList<ChannelPushBody> Channels);

public sealed record ChannelPushBody(string Channel, bool Configured, int? Available, long? Version, bool Owed, DateTimeOffset? UpdatedAt)
{
    public static ChannelPushBody From(ChannelPushView view) =>
        new(view.Channel.Value, view.Configured, view.Latest?.Available, view.Latest?.Version, view.Owed, view.Latest?.UpdatedAt);
}
