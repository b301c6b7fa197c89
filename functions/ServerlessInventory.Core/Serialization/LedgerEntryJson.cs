using System.Text.Json;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Core.Serialization;

/// <summary>
/// How every store keeps a ledger entry: the canonical event plus the effects actually applied, so an
/// entry written by one store reads back the same from any other.
/// </summary>
public static class LedgerEntryJson
{
    public static string Serialize(LedgerEntry entry)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", entry.Version);
            writer.WriteString("appliedAt", entry.AppliedAt);
            writer.WriteNumber("oversold", entry.Oversold);
            writer.WriteStartArray("flags");
            foreach (var flag in entry.Flags)
            {
                writer.WriteStringValue(flag);
            }
            writer.WriteEndArray();
            writer.WriteStartArray("effects");
            foreach (var effect in entry.Effects)
            {
                writer.WriteStartObject();
                writer.WriteString("location", effect.Location.Value);
                writer.WriteNumber("onHand", effect.OnHand);
                writer.WriteNumber("unsellable", effect.Unsellable);
                writer.WriteNumber("committed", effect.Committed);
                writer.WriteNumber("incoming", effect.Incoming);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            if (entry.HeldFor is { } heldFor)
            {
                writer.WriteString("heldFor", heldFor.Value);
            }
            writer.WritePropertyName("event");
            InventoryEventJson.Write(writer, entry.Event);
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads an entry this class wrote. Stored data that does not parse is corruption, so it throws.</summary>
    public static LedgerEntry Deserialize(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var parsed = InventoryEventJson.Parse(root.GetProperty("event"));
        var evt = parsed.Event ?? throw new InvalidDataException($"stored ledger event is invalid: {parsed.Field} {parsed.Reason}");
        var effects = root.GetProperty("effects").EnumerateArray().Select(e => new PositionChange(
            new LocationId(e.GetProperty("location").GetString()!),
            e.GetProperty("onHand").GetInt32(),
            e.GetProperty("unsellable").GetInt32(),
            e.GetProperty("committed").GetInt32(),
            e.GetProperty("incoming").GetInt32())).ToList();
        var flags = root.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!).ToList();
        var heldFor = root.TryGetProperty("heldFor", out var channel) ? new ChannelId(channel.GetString()!) : (ChannelId?)null;
        return new LedgerEntry(evt, root.GetProperty("version").GetInt64(), root.GetProperty("appliedAt").GetDateTimeOffset(), effects, root.GetProperty("oversold").GetInt32(), flags, heldFor);
    }
}
