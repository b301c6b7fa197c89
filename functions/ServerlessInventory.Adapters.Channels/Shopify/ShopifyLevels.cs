using System.Text.Json.Nodes;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Adapters.Channels.Shopify;

/// <summary>What Shopify shows for an inventory item, as a reported level in master terms.</summary>
internal static class ShopifyLevels
{
    /// <summary>
    /// The channel's pooled level (it is pushed to one Shopify location) of the master SKU the item maps to, in master
    /// units; null for an item the channel does not map (its id would pass for a master SKU otherwise). A negative
    /// <c>available</c> (Shopify oversold) is reported as 0: a channel shows no fewer.
    /// </summary>
    public static ReportedLevel? ToReported(ChannelId channel, ChannelMapping mapping, string itemId, int available, DateTimeOffset asOf)
    {
        var data = new JsonObject { ["sku"] = itemId, ["quantity"] = Math.Max(0, available) };
        if (mapping.Apply(new JsonObject { ["data"] = data }) is not null || data["sku"]?.GetValue<string>() is not { } sku || sku == itemId)
        {
            return null;
        }
        try
        {
            return new ReportedLevel(channel, new Sku(sku, "sku"), null, data["quantity"]!.GetValue<int>(), asOf);
        }
        catch (DomainValidationException)
        {
            return null;
        }
    }

    /// <summary>The <c>available</c> quantity in a <c>quantities(names: ["available"])</c> selection.</summary>
    public static int? Available(JsonNode? quantities) =>
        (quantities as JsonArray)?.FirstOrDefault(q => q?["name"]?.GetValue<string>() == "available")?["quantity"]?.GetValue<int>();
}
