namespace ServerlessInventory.Core.Domain;

// Each identifier is its own type so that a location can never be passed where a SKU is expected.
// All share the same rules (Guard.Identifier); `field` names the input in an error, defaulting to the usual name.

/// <summary>A master stock-keeping unit: the partition of everything the store keeps.</summary>
public readonly record struct Sku
{
    public Sku(string value, string field = "sku") => Value = Guard.Identifier(value, field);

    public string Value { get; }

    public override string ToString() => Value;
}

/// <summary>A store, warehouse or distribution centre.</summary>
public readonly record struct LocationId
{
    public LocationId(string value, string field = "location") => Value = Guard.Identifier(value, field);

    public string Value { get; }

    public override string ToString() => Value;
}

/// <summary>A sales or supply channel (pos, web, shopify, wms, erp, ...), configured rather than hard-coded.</summary>
public readonly record struct ChannelId
{
    public ChannelId(string value, string field = "channel") => Value = Guard.Identifier(value, field);

    public string Value { get; }

    public override string ToString() => Value;
}

/// <summary>An event's id, unique within its source only: <see cref="EventKey"/> is the dedupe key.</summary>
public readonly record struct EventId
{
    public EventId(string value, string field = "id") => Value = Guard.Identifier(value, field);

    public string Value { get; }

    public override string ToString() => Value;
}

/// <summary>A checkout's hold on stock; chosen by the client or generated.</summary>
public readonly record struct ReservationId
{
    /// <summary>Shorter than other ids, so the ledger id of its confirmation still fits the identifier limit.</summary>
    public const int MaxLength = 100;

    public ReservationId(string value, string field = "reservationId") =>
        Value = Guard.Identifier(value, field).Length <= MaxLength
            ? value
            : throw new DomainValidationException(field, $"must be at most {MaxLength} characters");

    public string Value { get; }

    public static ReservationId New() => new(Guid.NewGuid().ToString("N"));

    public override string ToString() => Value;
}
