using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ServerlessInventory.LocalRunner.Tests.Support;

/// <summary>
/// Shopify's webhook deliveries as Shopify sends them (Admin API 2026-04 shapes, trimmed to the members the runner
/// reads and a few it ignores): a JSON body signed <c>X-Shopify-Hmac-Sha256</c> (base64 HMAC-SHA256 with the app's
/// client secret) and the <c>X-Shopify-*</c> headers naming the topic and the delivery.
/// </summary>
public static class ShopifyWebhooks
{
    public const string Secret = "e2e-shopify-client-secret";
    public const string ShopDomain = "e2e-shop.myshopify.com";

    public static string Sign(string secret, ReadOnlySpan<byte> body) => Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>POSTs one delivery; a retry is the same call with the same <paramref name="webhookId"/>.</summary>
    public static async Task<HttpResponseMessage> DeliverAsync(
        this RunnerApi api, string channel, string topic, string webhookId, JsonObject payload, CancellationToken cancellationToken, string secret = Secret)
    {
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/webhooks/{channel}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation("X-Shopify-Hmac-Sha256", Sign(secret, body));
        request.Headers.TryAddWithoutValidation("X-Shopify-Topic", topic);
        request.Headers.TryAddWithoutValidation("X-Shopify-Webhook-Id", webhookId);
        request.Headers.TryAddWithoutValidation("X-Shopify-Shop-Domain", ShopDomain);
        request.Headers.TryAddWithoutValidation("X-Shopify-API-Version", "2026-04");
        request.Headers.TryAddWithoutValidation("X-Shopify-Triggered-At", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture));
        return await api.Http.SendAsync(request, cancellationToken);
    }

    /// <summary>An <c>orders/create</c> (or <c>orders/cancelled</c>) body: an online order, so no <c>location_id</c>.</summary>
    public static JsonObject Order(long orderId, params OrderLine[] lines) => new()
    {
        ["id"] = orderId,
        ["admin_graphql_api_id"] = $"gid://shopify/Order/{orderId}",
        ["name"] = $"#{orderId % 10_000}",
        ["created_at"] = Time(DateTimeOffset.UtcNow.AddSeconds(-5)),
        ["currency"] = "USD",
        ["location_id"] = null,
        ["cancelled_at"] = null,
        ["line_items"] = new JsonArray([.. lines.Select(l => (JsonNode)new JsonObject
        {
            ["id"] = l.LineId,
            ["admin_graphql_api_id"] = $"gid://shopify/LineItem/{l.LineId}",
            ["variant_id"] = l.VariantId,
            ["sku"] = l.Sku,
            ["quantity"] = l.Quantity,
            ["gift_card"] = false,
            ["price"] = "19.00",
            ["requires_shipping"] = true,
        })]),
        ["fulfillments"] = new JsonArray(),
        ["refunds"] = new JsonArray(),
    };

    /// <summary>An <c>inventory_levels/update</c> body.</summary>
    public static JsonObject Level(long inventoryItemId, long locationId, int available) => new()
    {
        ["inventory_item_id"] = inventoryItemId,
        ["location_id"] = locationId,
        ["available"] = available,
        ["updated_at"] = Time(DateTimeOffset.UtcNow),
        ["admin_graphql_api_id"] = $"gid://shopify/InventoryLevel/{locationId}?inventory_item_id={inventoryItemId}",
    };

    private static string Time(DateTimeOffset time) => time.ToOffset(TimeSpan.FromHours(-5)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}

public sealed record OrderLine(long LineId, long VariantId, string? Sku, int Quantity);

/// <summary>
/// A Shopify channel (<c>shopify</c>, selling from store-1, Shopify location <see cref="LocationId"/> mapped to it) with
/// <see cref="Listings"/> mapped listings, one per test: each a master SKU, its Shopify variant and inventory item. pos,
/// web and wholesale push to the test's receiver; reconciliation decides at once (no settling window).
/// </summary>
public sealed class ShopifyIngestRunnerFixture : RunnerFixture
{
    public const long LocationId = 655441491;
    public const int Listings = 8;

    public static ShopifyListing Listing(int index) => new(
        Unique.Sku($"SHOPIFY{index}"),
        VariantId: 808950810 + index,
        InventoryItemId: 271878346596884015 + index);

    /// <summary>A Shopify id no mapping of this run names.</summary>
    public static long UnmappedVariant => 49148385;

    protected override bool NeedsPushReceiver => true;

    protected override Dictionary<string, string> Settings()
    {
        var settings = RunnerSettings.Defaults().WithPushesTo(Receiver!, "pos", "web", "wholesale");
        settings["Reconciliation:SettlingWindow"] = "00:00:00";
        settings["Catalog:Channels:shopify:Format"] = "Shopify";
        settings["Catalog:Channels:shopify:Secret"] = ShopifyWebhooks.Secret;
        settings["Catalog:Channels:shopify:Locations:0"] = "store-1";
        settings["Catalog:Channels:shopify:RequireSkuMapping"] = "true";
        settings[$"Catalog:Channels:shopify:LocationMap:{LocationId}"] = "store-1";
        for (var i = 0; i < Listings; i++)
        {
            var listing = Listing(i);
            settings[$"Catalog:Channels:shopify:SkuMap:{listing.InventoryItemId}:Sku"] = listing.Sku;
            settings[$"Catalog:Channels:shopify:VariantMap:{listing.VariantId}:Sku"] = listing.Sku;
        }
        return settings;
    }
}

public sealed record ShopifyListing(string Sku, long VariantId, long InventoryItemId);
