namespace ServerlessInventory.Core.Domain;

public enum ReservationStatus
{
    Active,
    Confirmed,
    Released,
    Expired,
}

/// <summary>A checkout's hold on <see cref="Quantity"/> units at one location until <see cref="ExpiresAt"/>.</summary>
public sealed record Reservation(
    ReservationId Id,
    Sku Sku,
    LocationId Location,
    ChannelId Channel,
    int Quantity,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    ReservationStatus Status = ReservationStatus.Active,
    string? OrderId = null)
{
    public int Quantity { get; } = Guard.Positive(Quantity);

    /// <summary>Whether it counts against availability at <paramref name="now"/>: active and not yet expired.</summary>
    public bool HoldsStockAt(DateTimeOffset now) => Status == ReservationStatus.Active && now < ExpiresAt;

    /// <summary>Active in the store but past its expiry: the sweeper will mark it, availability already ignores it.</summary>
    public bool IsLapsedAt(DateTimeOffset now) => Status == ReservationStatus.Active && now >= ExpiresAt;
}
