using System.Text;
using System.Text.Json.Nodes;
using ServerlessInventory.Core.Channels;
using ServerlessInventory.Core.Channels.Shopify;
using ServerlessInventory.Core.Domain;
using static ServerlessInventory.Core.Tests.Support.TestData;

namespace ServerlessInventory.Core.Tests.Channels.Shopify;

/// <summary>
/// The stored Shopify bodies (Payloads/*.json) and the channel they are read for: Shopify's example inventory item
/// 271878346596884015 and variant 808950810 are SKU-1, both of its example locations are store-1; nothing else is mapped.
/// </summary>
internal static class ShopifyPayloads
{
    public const string InventoryItem = "271878346596884015";
    public const string MappedVariant = "808950810";
    public const string UnmappedVariant = "49148385";
    public const string OrderId = "820982911946154508";
    public const string MappedLine = "866550311766439020";
    public const string UnmappedLine = "141249953214522974";
    public const string WebhookId = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043";

    public static ChannelId Channel { get; } = new("shopify");

    public static byte[] Bytes(string topic) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Channels", "Shopify", "Payloads", topic.Replace('/', '_') + ".json"));

    public static JsonObject Json(string topic) => JsonNode.Parse(Bytes(topic))!.AsObject();

    public static byte[] Bytes(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    public static ChannelConnection Connection(bool requireSkuMapping = true, int variantFactor = 1) => new(
        Channel,
        WebhookFormat.Shopify,
        "shopify-secret",
        null,
        new ChannelMapping(
            new Dictionary<string, SkuMapping> { [InventoryItem] = new(Sku1, 1) },
            new Dictionary<string, LocationId> { ["24826418"] = Store, ["655441491"] = Store },
            requireSkuMapping,
            new Dictionary<string, SkuMapping> { [MappedVariant] = new(Sku1, variantFactor) }));

    public static ShopifyDelivery Delivery(string? topic, string? webhookId = WebhookId, DateTimeOffset? triggeredAt = null) =>
        new(topic, webhookId, "shop.myshopify.com", "2026-04", triggeredAt);

    public static ShopifyTranslation Read(string topic, byte[]? body = null, ChannelConnection? connection = null, LocationId? defaultLocation = null, string? webhookId = WebhookId) =>
        ShopifyWebhookReader.Read(connection ?? Connection(), Delivery(topic, webhookId), body ?? Bytes(topic), defaultLocation ?? Store, Start);

    public static IReadOnlyList<ChannelEventRead> Reads(string topic, byte[]? body = null, ChannelConnection? connection = null, LocationId? defaultLocation = null) =>
        Read(topic, body, connection, defaultLocation).ShouldBeOfType<ShopifyTranslation.Events>().Reads;
}
