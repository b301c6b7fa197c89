using System.Text.Json;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Core.Serialization;

/// <summary>
/// The canonical wire form of an event: a CloudEvents 1.0 JSON envelope with camelCase data. The same
/// form is accepted from generic channels, published to the topic and kept in the ledger.
/// </summary>
public static class InventoryEventJson
{
    public const string SpecVersion = "1.0";

    private static readonly HashSet<string> _envelopeFields = ["id", "type", "source", "time", "specversion", "data", "event"];

    /// <summary>Reads one event, or says which field is wrong and why; never throws for bad input.</summary>
    public static EventParseResult Parse(JsonElement element)
    {
        string? id = null;
        try
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new DomainValidationException("event", "must be a JSON object");
            }
            var envelope = new JsonFields(element, "");
            id = envelope.OptionalString("id");
            // Without a version the envelope's meaning is a guess, so a missing one is refused like a wrong one.
            if (envelope.String("specversion") != SpecVersion)
            {
                throw new DomainValidationException("specversion", $"must be {SpecVersion}");
            }
            var type = envelope.String("type");
            var eventId = new EventId(envelope.String("id"));
            var source = envelope.Channel("source");
            var time = envelope.Time("time");
            if (!element.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
            {
                throw new DomainValidationException("data", "must be a JSON object");
            }
            return EventParseResult.Valid(ReadData(type, eventId, source, time, new JsonFields(data, "data.")));
        }
        catch (DomainValidationException invalid)
        {
            var field = _envelopeFields.Contains(invalid.Field) || invalid.Field.StartsWith("data.", StringComparison.Ordinal)
                ? invalid.Field
                : "data." + invalid.Field;
            return EventParseResult.Invalid(id, field, invalid.Reason);
        }
    }

    /// <summary>One event or a batch array, each parsed on its own so that one bad event does not spoil the rest.</summary>
    public static IReadOnlyList<EventParseResult> ParseBatch(JsonElement root) => root.ValueKind == JsonValueKind.Array
        ? [.. root.EnumerateArray().Select(Parse)]
        : [Parse(root)];

    /// <summary>
    /// Reads one event from text under <see cref="StrictJson"/>; text that is not JSON, or breaks the policy, is an
    /// invalid event too, not an exception.
    /// </summary>
    public static EventParseResult Parse(string json)
    {
        try
        {
            using var document = StrictJson.Parse(json);
            return Parse(document.RootElement);
        }
        catch (JsonException notJson)
        {
            return EventParseResult.Invalid(null, "event", $"is not valid JSON: {notJson.Message}");
        }
    }

    public static string Serialize(InventoryEvent evt)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, evt);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static void Write(Utf8JsonWriter writer, InventoryEvent evt)
    {
        writer.WriteStartObject();
        writer.WriteString("specversion", SpecVersion);
        writer.WriteString("id", evt.Id.Value);
        writer.WriteString("type", evt.Type);
        writer.WriteString("source", evt.Source.Value);
        writer.WriteString("subject", evt.Sku.Value);
        writer.WriteString("time", evt.Time);
        writer.WriteString("datacontenttype", "application/json");
        writer.WriteStartObject("data");
        WriteData(writer, evt);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static InventoryEvent ReadData(string type, EventId id, ChannelId source, DateTimeOffset time, JsonFields data) => type switch
    {
        SaleRecorded.TypeName => new SaleRecorded(id, source, time, data.Sku(), data.Location(), data.Int("quantity")),
        ReturnRecorded.TypeName => new ReturnRecorded(id, source, time, data.Sku(), data.Location(), data.Int("quantity"), ReadCondition(data)),
        StockReceived.TypeName => new StockReceived(id, source, time, data.Sku(), data.Location(), data.Int("quantity")),
        StockAdjusted.TypeName => new StockAdjusted(id, source, time, data.Sku(), data.Location(), data.Int("delta"), data.String("reason")),
        StockCounted.TypeName => new StockCounted(id, source, time, data.Sku(), data.Location(), data.Int("counted"), data.Time("countedAt")),
        StockDamaged.TypeName => new StockDamaged(id, source, time, data.Sku(), data.Location(), data.Int("quantity")),
        TransferShipped.TypeName => new TransferShipped(id, source, time, data.String("transferId"), data.Sku(), data.Location("fromLocation"), data.Location("toLocation"), data.Int("quantity")),
        TransferReceived.TypeName => new TransferReceived(id, source, time, data.String("transferId"), data.Sku(), data.Location("toLocation"), data.Int("quantity")),
        OrderPlaced.TypeName => new OrderPlaced(id, source, time, data.String("orderId"), data.Sku(), data.Location(), data.Int("quantity"),
            data.OptionalString("reservationId") is { } reservation ? new ReservationId(reservation, data.Path("reservationId")) : null),
        OrderCancelled.TypeName => new OrderCancelled(id, source, time, data.String("orderId"), data.Sku(), data.Location(), data.Int("quantity")),
        OrderFulfilled.TypeName => new OrderFulfilled(id, source, time, data.String("orderId"), data.Sku(), data.Location(), data.Int("quantity")),
        LevelReported.TypeName => new LevelReported(id, source, time, data.Sku(),
            data.OptionalString("location") is null ? null : data.Location(), data.Channel("channel"), data.Int("quantity")),
        _ => throw new DomainValidationException("type", $"'{type}' is not an inventory event type"),
    };

    private static ReturnCondition ReadCondition(JsonFields data) => data.String("condition") switch
    {
        "sellable" => ReturnCondition.Sellable,
        "damaged" => ReturnCondition.Damaged,
        _ => throw new DomainValidationException(data.Path("condition"), "must be sellable or damaged"),
    };

    private static void WriteData(Utf8JsonWriter writer, InventoryEvent evt)
    {
        if (evt is OrderEvent order)
        {
            writer.WriteString("orderId", order.OrderId);
        }
        writer.WriteString("sku", evt.Sku.Value);
        switch (evt)
        {
            case TransferShipped e:
                writer.WriteString("transferId", e.TransferId);
                writer.WriteString("fromLocation", e.FromLocation.Value);
                writer.WriteString("toLocation", e.ToLocation.Value);
                writer.WriteNumber("quantity", e.Quantity);
                break;
            case TransferReceived e:
                writer.WriteString("transferId", e.TransferId);
                writer.WriteString("toLocation", e.ToLocation.Value);
                writer.WriteNumber("quantity", e.Quantity);
                break;
            case StockAdjusted e:
                WriteAt(writer, e.Location, "delta", e.Delta);
                writer.WriteString("reason", e.Reason);
                break;
            case StockCounted e:
                WriteAt(writer, e.Location, "counted", e.Counted);
                writer.WriteString("countedAt", e.CountedAt);
                break;
            case LevelReported e:
                if (e.Location is { } reportedAt)
                {
                    writer.WriteString("location", reportedAt.Value);
                }
                writer.WriteNumber("quantity", e.Quantity);
                writer.WriteString("channel", e.Channel.Value);
                break;
            case UnitsEvent e:
                WriteAt(writer, e.Location, "quantity", e.Quantity);
                if (e is ReturnRecorded returned)
                {
                    writer.WriteString("condition", returned.Condition == ReturnCondition.Damaged ? "damaged" : "sellable");
                }
                if (e is OrderPlaced { ReservationId: { } reservation })
                {
                    writer.WriteString("reservationId", reservation.Value);
                }
                break;
            default:
                throw new NotSupportedException($"no wire form for {evt.GetType().Name}");
        }
    }

    private static void WriteAt(Utf8JsonWriter writer, LocationId location, string quantityName, int quantity)
    {
        writer.WriteString("location", location.Value);
        writer.WriteNumber(quantityName, quantity);
    }
}
