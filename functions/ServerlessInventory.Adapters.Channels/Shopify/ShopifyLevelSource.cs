using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Channels.Shopify;

/// <summary>
/// What a Shopify channel shows, for reconciliation: the <c>inventoryLevels</c> of its location, a page of
/// <see cref="ShopifyOperations.PullPageSize"/> at a time by cursor, through the same cost bucket as its pushes. Each
/// level is the channel's pooled level (its availability is pushed to that one location) of the master SKU its item
/// maps to, true when read; an item the channel does not map is left out and logged.
/// </summary>
public sealed partial class ShopifyLevelSource(ShopifyAdminClient client, TimeProvider timeProvider, ILogger<ShopifyLevelSource> logger)
{
    public async Task<ChannelLevelsPage> PullAsync(ChannelConnection connection, ShopifyConnection shop, string? continuation, CancellationToken cancellationToken)
    {
        var variables = new JsonObject
        {
            ["location"] = ShopifyOperations.LocationGid + shop.LocationId,
            ["first"] = ShopifyOperations.PullPageSize,
            ["after"] = continuation,
        };
        var data = await client.QueryAsync(connection.Channel, shop, ShopifyOperations.PullLevels, variables, ShopifyOperations.PullLevelsCost(ShopifyOperations.PullPageSize), cancellationToken).ConfigureAwait(false);
        var page = data["location"]?["inventoryLevels"] as JsonObject ?? throw new ShopifyApiException($"Shopify has no location {shop.LocationId} for {connection.Channel}");
        var now = timeProvider.GetUtcNow();
        var levels = new List<ReportedLevel>();
        foreach (var node in page["nodes"] as JsonArray ?? [])
        {
            var item = node?["item"]?["id"]?.GetValue<string>() is { } gid ? ShopifyOperations.IdOf(gid) : null;
            var available = ShopifyLevels.Available(node?["quantities"]);
            if (item is not null && available is { } level && ShopifyLevels.ToReported(connection.Channel, connection.Mapping, item, level, now) is { } reported)
            {
                levels.Add(reported);
            }
            else
            {
                LogUnmapped(logger, connection.Channel, item ?? "(none)");
            }
        }
        var next = page["pageInfo"] is JsonObject info && info["hasNextPage"]?.GetValue<bool>() == true ? info["endCursor"]?.GetValue<string>() : null;
        return new ChannelLevelsPage(levels, next);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Shopify item {Item} of {Channel} maps to no master SKU (or has no available quantity); left out of reconciliation")]
    private static partial void LogUnmapped(ILogger logger, ChannelId channel, string item);
}
