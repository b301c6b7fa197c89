using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Serialization;

namespace ServerlessInventory.Core.Channels;

/// <summary>
/// Turns one event as a channel sent it into a master event: mapped to master SKU, location and units, then
/// validated, and refused if it claims to come from another channel (a channel signs with its own secret, so it
/// speaks only for itself). Shared by webhook ingestion and by the replay of parked events.
/// </summary>
public static class ChannelEventReader
{
    /// <summary>Reads one event from its JSON text exactly as the channel sent it; that text is what a parked event keeps.</summary>
    public static ChannelEventRead Read(ChannelConnection connection, string payload)
    {
        JsonNode? sent;
        try
        {
            sent = JsonNode.Parse(payload, documentOptions: StrictJson.DocumentOptions);
        }
        catch (System.Text.Json.JsonException notJson)
        {
            return ChannelEventRead.Invalid(null, payload, "event", $"is not valid JSON: {notJson.Message}");
        }
        return Read(connection, sent, payload);
    }

    /// <summary>Reads an event already parsed; the payload kept is its serialized form. The caller's node is left as it was.</summary>
    public static ChannelEventRead Read(ChannelConnection connection, JsonNode? sent) => Read(connection, sent?.DeepClone(), sent?.ToJsonString() ?? "null");

    /// <summary>Maps <paramref name="sent"/> in place: it must be this reader's own node, never the caller's.</summary>
    private static ChannelEventRead Read(ChannelConnection connection, JsonNode? sent, string payload)
    {
        if (sent is not JsonObject cloudEvent)
        {
            return ChannelEventRead.Invalid(null, payload, "event", "must be a JSON object");
        }
        var id = cloudEvent["id"] is JsonValue idValue && idValue.TryGetValue(out string? raw) ? raw : null;
        // The payload kept for parking is the text as sent, so mapping may rewrite this node.
        if (connection.Mapping.Apply(cloudEvent) is { } unmappable)
        {
            return ChannelEventRead.Invalid(id, payload, unmappable.Field, unmappable.Reason) with { Unmappable = true };
        }
        var parsed = InventoryEventJson.Parse(cloudEvent.ToJsonString());
        if (parsed.Event is not { } evt)
        {
            return ChannelEventRead.Invalid(id, payload, parsed.Field!, parsed.Reason!);
        }
        return evt.Source == connection.Channel
            ? new ChannelEventRead(evt, id, payload, null, null)
            : ChannelEventRead.Invalid(id, payload, "source", $"must be the channel '{connection.Channel}' that sent it");
    }

    /// <summary>
    /// Where a parked event is kept: one place per event identity (the channel and the event id, as <see cref="EventKey"/>
    /// derives it for the topic and the ledger), or per payload when it has no usable id.
    /// </summary>
    public static string ParkingId(ChannelConnection connection, ChannelEventRead read) =>
        read.EventId is { Length: > 0 } id
            ? IsEventId(id) ? new EventKey(connection.Channel, new EventId(id)).Value : $"{connection.Channel}:{id}"
            : $"{connection.Channel}:sha256-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(read.Payload)))[..32]}";

    private static bool IsEventId(string id)
    {
        try
        {
            _ = new EventId(id);
            return true;
        }
        catch (DomainValidationException)
        {
            return false;
        }
    }

    public static ParkedEvent Park(ChannelConnection connection, ChannelEventRead read, DateTimeOffset now) =>
        new(ParkingId(connection, read), connection.Channel, read.EventId, read.Field ?? "event", read.Reason ?? "invalid", read.Payload, now);
}

/// <summary>
/// An event read from a channel, or why not, with the payload exactly as the channel sent it.
/// <see cref="Unmappable"/> marks a valid event whose master data is missing: a gap ops close, not a sender error.
/// </summary>
public sealed record ChannelEventRead(InventoryEvent? Event, string? EventId, string Payload, string? Field, string? Reason, bool Unmappable = false)
{
    public static ChannelEventRead Invalid(string? eventId, string payload, string field, string reason) => new(null, eventId, payload, field, reason);
}
