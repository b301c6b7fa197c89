using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Channels;

namespace ServerlessInventory.Core.Tests.Support;

/// <summary>
/// Events as a channel sends them (CloudEvents JSON, built by hand rather than by the serializer under test)
/// and webhook requests signed the way the channel would sign them.
/// </summary>
internal static class WebhookData
{
    /// <summary>A channel's event with its data; leave <paramref name="id"/> null to send none.</summary>
    public static JsonObject Event(string? id, string source, string type, JsonObject data, DateTimeOffset? time = null)
    {
        var cloudEvent = new JsonObject { ["specversion"] = "1.0" };
        if (id is not null)
        {
            cloudEvent["id"] = id;
        }
        cloudEvent["type"] = type;
        cloudEvent["source"] = source;
        cloudEvent["time"] = (time ?? TestData.Start).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        cloudEvent["data"] = data;
        return cloudEvent;
    }

    public static JsonObject Sale(string? id, string source, string sku, string location, int quantity) =>
        Event(id, source, "inventory.sale.recorded", new JsonObject { ["sku"] = sku, ["location"] = location, ["quantity"] = quantity });

    public static JsonObject Received(string? id, string source, string sku, string location, int quantity) =>
        Event(id, source, "inventory.stock.received", new JsonObject { ["sku"] = sku, ["location"] = location, ["quantity"] = quantity });

    public static byte[] Body(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    public static byte[] Batch(params JsonNode[] events) => Body(new JsonArray([.. events.Select(e => e.DeepClone())]));

    /// <summary>HMAC-SHA256 of the body, computed here rather than by <see cref="WebhookSignature"/>.</summary>
    public static byte[] Mac(string secret, byte[] body) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);

    /// <summary>A request whose only header is <c>X-Signature: sha256=&lt;hex&gt;</c> of the body with the secret.</summary>
    public static WebhookRequest Signed(string channel, string secret, byte[] body) =>
        WithHeader(channel, body, WebhookSignature.Header, "sha256=" + Convert.ToHexStringLower(Mac(secret, body)));

    /// <summary>A request with one header; header names are matched case-insensitively, as HTTP does.</summary>
    public static WebhookRequest WithHeader(string channel, byte[] body, string header, string? value) =>
        new(channel, body, name => string.Equals(name, header, StringComparison.OrdinalIgnoreCase) ? value : null);
}
