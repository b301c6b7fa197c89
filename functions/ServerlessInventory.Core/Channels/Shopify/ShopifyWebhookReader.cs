using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Serialization;

namespace ServerlessInventory.Core.Channels.Shopify;

/// <summary>What a Shopify delivery becomes: events to accept or park, or nothing for a topic that does not touch stock.</summary>
public abstract record ShopifyTranslation
{
    private ShopifyTranslation() { }

    /// <summary>A topic that changes no stock: acknowledged so that Shopify never disables the subscription, nothing applied.</summary>
    public sealed record Ignored(string? Topic) : ShopifyTranslation;

    /// <summary>One read per canonical event (a line of an order is one event), each valid, unmappable or invalid.</summary>
    public sealed record Events(IReadOnlyList<ChannelEventRead> Reads) : ShopifyTranslation;
}

/// <summary>
/// Translates a Shopify webhook (payload shapes of Admin API 2026-04) into canonical CloudEvents in the channel's own
/// terms (Shopify inventory item, variant and location ids as decimal strings), each then read through
/// <see cref="ChannelEventReader"/> like any channel's event: mapped, validated, and parked with its reason when it
/// cannot be. A parked line keeps that CloudEvent, so ops replay it once the mapping has the missing id. A delivery
/// without the documented shape is parked whole, as it arrived.
/// </summary>
/// <remarks>
/// The event id is the delivery's <c>X-Shopify-Webhook-Id</c>, the same on every retry, with <c>:{line id}</c> when a
/// delivery becomes one event per line; the source is the channel. Order lines name their stock by <c>variant_id</c> and
/// <c>sku</c>, which the mapping resolves in that order (<see cref="ChannelMapping"/>); levels name an inventory item,
/// which is the channel's SKU in the SKU map.
/// </remarks>
public static class ShopifyWebhookReader
{
    private static readonly string[] _closedFulfillments = ["cancelled", "error", "failure"];

    public static ShopifyTranslation Read(ChannelConnection connection, ShopifyDelivery delivery, ReadOnlyMemory<byte> body, LocationId? defaultLocation, DateTimeOffset receivedAt)
    {
        if (!ShopifyTopics.IsHandled(delivery.Topic))
        {
            return new ShopifyTranslation.Ignored(delivery.Topic);
        }
        var text = Encoding.UTF8.GetString(body.Span);
        if (delivery.WebhookId is not { } webhookId)
        {
            return Whole(ChannelEventRead.Invalid(null, text, ShopifyDelivery.WebhookIdHeader, "is required: it is the identity of the delivery's events"));
        }
        try
        {
            using var document = StrictJson.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Whole(ChannelEventRead.Invalid(webhookId, text, "body", "must be a JSON object"));
            }
            var delivered = new Delivered(connection, webhookId, delivery.TriggeredAt, receivedAt, defaultLocation);
            var root = new ShopifyPayload(document.RootElement, "");
            IReadOnlyList<ChannelEventRead> reads = delivery.Topic switch
            {
                ShopifyTopics.InventoryLevelsUpdate => [Level(delivered, root)],
                ShopifyTopics.OrdersCreate => [.. OrderPlaced(delivered, root)],
                ShopifyTopics.OrdersCancelled => [.. OrderCancelled(delivered, root)],
                ShopifyTopics.FulfillmentsCreate => [.. Fulfilled(delivered, root)],
                _ => [.. Refunded(delivered, root)],
            };
            return new ShopifyTranslation.Events(reads);
        }
        catch (JsonException notJson)
        {
            return Whole(ChannelEventRead.Invalid(webhookId, text, "body", $"is not valid JSON: {notJson.Message}"));
        }
        catch (ShopifyPayloadException invalid)
        {
            return Whole(ChannelEventRead.Invalid(webhookId, text, invalid.Field, invalid.Reason));
        }
    }

    private static ShopifyTranslation.Events Whole(ChannelEventRead read) => new ShopifyTranslation.Events([read]);

    /// <summary>
    /// <c>inventory_levels/update</c>: what Shopify shows, a report for reconciliation, never a change of stock. A negative
    /// <c>available</c> (Shopify oversold) offers nothing, so it is reported as 0. The report is as of the delivery's
    /// <c>X-Shopify-Triggered-At</c> when that is later than <c>updated_at</c>: <c>updated_at</c> has whole seconds only,
    /// and of two reports of one level the later one must win (an equal time keeps the first that arrived).
    /// </summary>
    private static ChannelEventRead Level(Delivered delivered, ShopifyPayload level)
    {
        var available = level.OptionalInt("available") ?? throw new ShopifyPayloadException("available", "is null: the item is not stocked at this location");
        var data = new JsonObject
        {
            ["sku"] = level.Id("inventory_item_id"),
            ["location"] = level.Id("location_id"),
            ["channel"] = delivered.Connection.Channel.Value,
            ["quantity"] = Math.Max(0, available),
        };
        var updatedAt = level.OptionalTime("updated_at");
        var asOf = delivered.TriggeredAt is { } triggered && (updatedAt is null || triggered > updatedAt) ? triggered : updatedAt;
        return delivered.Emit(delivered.WebhookId, LevelReported.TypeName, asOf, data);
    }

    /// <summary><c>orders/create</c>: one <c>inventory.order.placed</c> per stocked line, at the order's location (POS) or the default.</summary>
    private static IEnumerable<ChannelEventRead> OrderPlaced(Delivered delivered, ShopifyPayload order)
    {
        var orderId = order.Id("id");
        var location = order.OptionalId("location_id");
        var time = order.OptionalTime("created_at");
        return [.. StockedLines(order).Select(line => delivered.EmitLine(Events.OrderPlaced.TypeName, time, line, orderId, location, line.Int("quantity")))];
    }

    /// <summary>
    /// <c>orders/cancelled</c>: each line's units still committed, i.e. ordered less fulfilled less already cancelled by a
    /// refund of the order (<c>restock_type</c> <c>cancel</c>, which arrives as its own <c>refunds/create</c> and is
    /// cancelled there), so the units a cancellation's own refund releases are released once.
    /// </summary>
    private static IEnumerable<ChannelEventRead> OrderCancelled(Delivered delivered, ShopifyPayload order)
    {
        var orderId = order.Id("id");
        var location = order.OptionalId("location_id");
        var time = order.OptionalTime("cancelled_at") ?? order.OptionalTime("updated_at");
        var fulfilled = Totals(order.Array("fulfillments").Where(f => !_closedFulfillments.Contains(f.OptionalString("status"))).SelectMany(f => f.Array("line_items")), "id");
        var cancelledByRefund = Totals(order.Array("refunds").SelectMany(r => r.Array("refund_line_items")).Where(r => r.OptionalString("restock_type") == "cancel"), "line_item_id");
        foreach (var line in StockedLines(order))
        {
            var id = line.Id("id");
            var open = line.Int("quantity") - fulfilled.GetValueOrDefault(id) - cancelledByRefund.GetValueOrDefault(id);
            if (open > 0)
            {
                yield return delivered.EmitLine(Events.OrderCancelled.TypeName, time, line, orderId, location, open);
            }
        }
    }

    /// <summary><c>fulfillments/create</c>: one <c>inventory.order.fulfilled</c> per line, at the fulfilling location.</summary>
    private static IEnumerable<ChannelEventRead> Fulfilled(Delivered delivered, ShopifyPayload fulfillment)
    {
        if (_closedFulfillments.Contains(fulfillment.OptionalString("status")))
        {
            return [];
        }
        var orderId = fulfillment.Id("order_id");
        var location = fulfillment.OptionalId("location_id");
        var time = fulfillment.OptionalTime("created_at");
        return [.. fulfillment.Array("line_items").Where(l => !l.Flag("gift_card"))
            .Select(line => delivered.EmitLine(OrderFulfilled.TypeName, time, line, orderId, location, line.Int("quantity")))];
    }

    /// <summary>
    /// <c>refunds/create</c>: a line restocked as <c>return</c> is a sellable return at its restock location; as
    /// <c>cancel</c>, the cancel of those committed units; <c>no_restock</c> (and the retired <c>legacy_restock</c>) moves no stock.
    /// </summary>
    private static List<ChannelEventRead> Refunded(Delivered delivered, ShopifyPayload refund)
    {
        var orderId = refund.Id("order_id");
        var time = refund.OptionalTime("created_at") ?? refund.OptionalTime("processed_at");
        var reads = new List<ChannelEventRead>();
        foreach (var refunded in refund.Array("refund_line_items"))
        {
            var restock = refunded.OptionalString("restock_type");
            if (restock is not ("return" or "cancel"))
            {
                continue;
            }
            var line = refunded.Object("line_item");
            var id = $"{delivered.WebhookId}:{refunded.Id("id")}";
            var location = refunded.OptionalId("location_id");
            var quantity = refunded.Int("quantity");
            reads.Add(restock == "return"
                ? delivered.Emit(id, ReturnRecorded.TypeName, time, LineData(line, null, location, delivered, quantity, ("condition", "sellable")))
                : delivered.Emit(id, Events.OrderCancelled.TypeName, time, LineData(line, orderId, location, delivered, quantity)));
        }
        return reads;
    }

    /// <summary>Lines that hold stock: a gift card is not stock.</summary>
    private static IEnumerable<ShopifyPayload> StockedLines(ShopifyPayload order) => order.Array("line_items").Where(line => !line.Flag("gift_card"));

    private static Dictionary<string, int> Totals(IEnumerable<ShopifyPayload> lines, string idMember) =>
        lines.GroupBy(l => l.Id(idMember), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(l => l.Int("quantity")), StringComparer.Ordinal);

    /// <summary>
    /// A line in the channel's terms: <c>variant</c> and <c>sku</c> as Shopify names them (the mapping resolves them),
    /// the Shopify location when the delivery names one, else the channel's default master location.
    /// </summary>
    private static JsonObject LineData(ShopifyPayload line, string? orderId, string? location, Delivered delivered, int quantity, params (string Name, string Value)[] extra)
    {
        var data = new JsonObject();
        if (orderId is not null)
        {
            data["orderId"] = orderId;
        }
        if (line.OptionalId("variant_id") is { } variant)
        {
            data["variant"] = variant;
        }
        if (line.OptionalString("sku") is { } sku)
        {
            data["sku"] = sku;
        }
        if ((location ?? delivered.DefaultLocation?.Value) is { } at)
        {
            data["location"] = at;
        }
        data["quantity"] = quantity;
        foreach (var (name, value) in extra)
        {
            data[name] = value;
        }
        return data;
    }

    private sealed record Delivered(ChannelConnection Connection, string WebhookId, DateTimeOffset? TriggeredAt, DateTimeOffset ReceivedAt, LocationId? DefaultLocation)
    {
        public ChannelEventRead EmitLine(string type, DateTimeOffset? time, ShopifyPayload line, string orderId, string? location, int quantity) =>
            Emit($"{WebhookId}:{line.Id("id")}", type, time, LineData(line, orderId, location, this, quantity));

        /// <summary>The CloudEvent read through the channel's mapping; without a location it is parked saying how to give one.</summary>
        public ChannelEventRead Emit(string id, string type, DateTimeOffset? time, JsonObject data)
        {
            var cloudEvent = new JsonObject
            {
                ["specversion"] = InventoryEventJson.SpecVersion,
                ["id"] = id,
                ["type"] = type,
                ["source"] = Connection.Channel.Value,
                ["time"] = (time ?? TriggeredAt ?? ReceivedAt).ToString("O", CultureInfo.InvariantCulture),
                ["data"] = data,
            };
            return data.ContainsKey("location")
                ? ChannelEventReader.Read(Connection, cloudEvent)
                : ChannelEventRead.Invalid(id, cloudEvent.ToJsonString(), "data.location",
                    "Shopify named no location and the channel has no default: map exactly one Shopify location in its locationMap, or sell from one location");
        }
    }
}
