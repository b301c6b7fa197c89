using System.Text.Json;
using System.Text.Json.Serialization;
using ServerlessInventory.Core.Application;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Serialization;

namespace ServerlessInventory.Functions.Http;

public sealed record PositionBody(string Location, int OnHand, int Unsellable, int Committed, int Reserved, int SafetyStock, int Incoming, int AvailableToSell);

public sealed record ChannelAvailabilityBody(string Channel, int Available);

/// <summary><c>GET /api/inventory/{sku}</c> body of DESIGN §3.</summary>
public sealed record InventoryBody(string Sku, IReadOnlyList<PositionBody> Locations, IReadOnlyList<ChannelAvailabilityBody> Channels)
{
    public static InventoryBody From(InventoryReport report) => new(
        report.Sku.Value,
        [.. report.Locations.Select(p => new PositionBody(p.Location.Value, p.OnHand, p.Unsellable, p.Committed, p.Reserved, p.SafetyStock, p.Incoming, p.AvailableToSell))],
        [.. report.Channels.Select(c => new ChannelAvailabilityBody(c.Channel.Value, c.Available))]);
}

/// <summary>One item of <see cref="AvailabilityBody"/>; <see cref="Location"/> only when the request asked for locations.</summary>
public sealed record SkuAvailabilityBody(
    string Sku,
    int Available,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Location = null);

/// <summary><c>GET /api/availability</c> body of DESIGN §3.</summary>
public sealed record AvailabilityBody(string Channel, IReadOnlyList<SkuAvailabilityBody> Items)
{
    public static AvailabilityBody From(AvailabilityReport report) =>
        new(report.Channel.Value, [.. report.Items.Select(i => new SkuAvailabilityBody(i.Sku.Value, i.Available, i.Location?.Value))]);
}

/// <summary>One ledger entry: the event as it was applied (canonical CloudEvents JSON) and what it did.</summary>
public sealed record LedgerEntryBody(long Version, DateTimeOffset AppliedAt, JsonElement Event, IReadOnlyList<PositionChangeBody> Effects, int Oversold, IReadOnlyList<string> Flags)
{
    public static LedgerEntryBody From(LedgerEntry entry)
    {
        using var document = JsonDocument.Parse(InventoryEventJson.Serialize(entry.Event));
        return new(entry.Version, entry.AppliedAt, document.RootElement.Clone(),
            [.. entry.Effects.Select(e => new PositionChangeBody(e.Location.Value, e.OnHand, e.Unsellable, e.Committed, e.Incoming))],
            entry.Oversold, entry.Flags);
    }
}

public sealed record PositionChangeBody(string Location, int OnHand, int Unsellable, int Committed, int Incoming);

/// <summary>A page of items; pass <see cref="Continuation"/> back as <c>?continuation=</c> for the next one.</summary>
public sealed record PageBody<T>(IReadOnlyList<T> Items, string? Continuation);

public sealed record ParkedEventBody(string Id, string Channel, string? EventId, string Field, string Reason, JsonElement Payload, DateTimeOffset ParkedAt)
{
    public static ParkedEventBody From(ParkedEvent parked)
    {
        using var document = JsonDocument.Parse(parked.Payload);
        return new(parked.Id, parked.Channel.Value, parked.EventId, parked.Field, parked.Reason, document.RootElement.Clone(), parked.ParkedAt);
    }
}

public sealed record DeadLetterBody(string MessageId, string? Sku, string Reason, string? Description, int DeliveryCount, DateTimeOffset DeadLetteredAt, string Body)
{
    public static DeadLetterBody From(DeadLetter letter) =>
        new(letter.MessageId, letter.Sku?.Value, letter.Reason, letter.Description, letter.DeliveryCount, letter.DeadLetteredAt, letter.Body);
}
