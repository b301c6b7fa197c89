using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Testing;

/// <summary>Short builders for events in tests: every id is fresh unless given, every source is "test" unless given.</summary>
public static class EventFactory
{
    public static readonly ChannelId Source = new("test");

    public static DateTimeOffset Epoch { get; } = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    public static Sku NewSku(string prefix = "sku") => new($"{prefix}-{Guid.NewGuid():N}");

    public static EventId NewId() => new(Guid.NewGuid().ToString("N"));

    /// <summary>The identity of an event no store has seen.</summary>
    public static EventKey NewKey() => new(Source, NewId());

    public static StockReceived Received(Sku sku, string location, int quantity, DateTimeOffset? time = null, string? id = null, string? source = null) =>
        new(Id(id), source is null ? Source : new ChannelId(source), time ?? Epoch, sku, new LocationId(location), quantity);

    public static SaleRecorded Sale(Sku sku, string location, int quantity, DateTimeOffset? time = null, string? id = null) =>
        new(Id(id), Source, time ?? Epoch, sku, new LocationId(location), quantity);

    public static StockCounted Count(Sku sku, string location, int counted, DateTimeOffset countedAt, string? id = null) =>
        new(Id(id), Source, countedAt, sku, new LocationId(location), counted, countedAt);

    public static OrderPlaced Order(Sku sku, string location, int quantity, string? reservationId = null, DateTimeOffset? time = null, string? id = null) =>
        new(Id(id), Source, time ?? Epoch, $"order-{Guid.NewGuid():N}", sku, new LocationId(location), quantity,
            reservationId is null ? null : new ReservationId(reservationId));

    private static EventId Id(string? id) => id is null ? NewId() : new EventId(id);
}
