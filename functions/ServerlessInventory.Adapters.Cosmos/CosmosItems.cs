using System.Globalization;
using System.Text.Json;
using ServerlessInventory.Core.Domain;
using ServerlessInventory.Core.Ports;
using ServerlessInventory.Core.Serialization;

namespace ServerlessInventory.Adapters.Cosmos;

/// <summary>
/// The items of one SKU's logical partition (partition key <c>/sku</c>), written and read as JSON streams so that
/// Newtonsoft never sees them:
/// <list type="bullet">
/// <item><c>head</c>: id <c>head</c>, the SKU's version, its positions and its open orders (each with the channel that
/// placed it; closed ones are left out). Its ETag is the concurrency token: every
/// commit replaces it with If-Match, so two writers of one SKU can never both win.</item>
/// <item><c>reservation</c>: id <c>r:{reservationId}</c>, one per hold, queried by status and expiry across SKUs.</item>
/// <item><c>ledger</c>: id <c>k:{eventKey}</c> (<see cref="EventKey"/>: the event's source and id), one per applied
/// event, created (never upserted) so the same event from the same source conflicts. The prefixes keep an event id
/// such as <c>head</c> from ever meeting another item's id. Items written before identities had a source have id
/// <c>e:{eventId}</c> and no <c>eventKey</c>: the load still finds them (see the Adapters.Cosmos README).</item>
/// </list>
/// Times are kept as fixed-width UTC strings: they compare in time order as strings, and round-trip exactly.
/// </summary>
internal static class CosmosItems
{
    public const string HeadId = "head";
    public const string HeadType = "head";
    public const string ReservationType = "reservation";
    public const string LedgerType = "ledger";
    public const string LevelType = "level";

    /// <summary>Ledger entries of one commit are numbered within it; a commit holds far fewer than this.</summary>
    public const long SequencesPerVersion = 1000;

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ReservationItemId(ReservationId id) => "r:" + id.Value;

    public static string LedgerItemId(EventKey key) => "k:" + key.Value;

    /// <summary>A channel's reported level of the SKU at a location, or pooled (no location: the id ends with the colon).</summary>
    public static string LevelItemId(ChannelId channel, LocationId? location) => $"l:{channel.Value}:{location?.Value}";

    /// <summary>The id a ledger item had when the bare event id was the dedupe key.</summary>
    public static string LegacyLedgerItemId(EventId id) => "e:" + id.Value;

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) =>
        new(DateTime.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);

    public static MemoryStream Head(Sku sku, long version, LoadedHead head) => Write(writer =>
    {
        Envelope(writer, HeadId, sku, HeadType);
        writer.WriteNumber("version", version);
        writer.WriteStartArray("positions");
        foreach (var position in head.Positions)
        {
            writer.WriteStartObject();
            writer.WriteString("location", position.Location.Value);
            writer.WriteNumber("onHand", position.OnHand);
            writer.WriteNumber("unsellable", position.Unsellable);
            writer.WriteNumber("committed", position.Committed);
            writer.WriteNumber("incoming", position.Incoming);
            if (position.LastCountedAt is { } counted)
            {
                writer.WriteString("lastCountedAt", Time(counted));
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("openOrders");
        foreach (var order in head.OpenOrders)
        {
            writer.WriteStartObject();
            writer.WriteString("orderId", order.OrderId);
            writer.WriteString("location", order.Location.Value);
            writer.WriteString("channel", order.Channel.Value);
            writer.WriteNumber("quantity", order.Quantity);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    });

    public static MemoryStream Reservation(Reservation reservation) => Write(writer =>
    {
        Envelope(writer, ReservationItemId(reservation.Id), reservation.Sku, ReservationType);
        writer.WriteString("reservationId", reservation.Id.Value);
        writer.WriteString("location", reservation.Location.Value);
        writer.WriteString("channel", reservation.Channel.Value);
        writer.WriteNumber("quantity", reservation.Quantity);
        writer.WriteString("status", Status(reservation.Status));
        writer.WriteString("createdAt", Time(reservation.CreatedAt));
        writer.WriteString("expiresAt", Time(reservation.ExpiresAt));
        if (reservation.OrderId is { } order)
        {
            writer.WriteString("orderId", order);
        }
    });

    /// <summary>The entry at <paramref name="index"/> of the commit to <paramref name="version"/>; <c>seq</c> orders entries as applied.</summary>
    public static MemoryStream Ledger(LedgerEntry entry, long version, int index) => Write(writer =>
    {
        Envelope(writer, LedgerItemId(entry.EventKey), entry.Sku, LedgerType);
        writer.WriteString("eventId", entry.EventId.Value);
        writer.WriteString("eventKey", entry.EventKey.Value);
        writer.WriteNumber("seq", (version * SequencesPerVersion) + index);
        writer.WriteString("eventTime", Time(entry.Event.Time));
        writer.WritePropertyName("entry");
        writer.WriteRawValue(LedgerEntryJson.Serialize(entry), skipInputValidation: true);
    });

    public static MemoryStream Level(ReportedLevel level) => Write(writer =>
    {
        Envelope(writer, LevelItemId(level.Channel, level.Location), level.Sku, LevelType);
        writer.WriteString("channel", level.Channel.Value);
        if (level.Location is { } location)
        {
            writer.WriteString("location", location.Value);
        }
        writer.WriteNumber("level", level.Level);
        writer.WriteString("asOf", Time(level.AsOf));
    });

    public static ReportedLevel ReadLevel(JsonElement item) => new(
        new ChannelId(item.GetProperty("channel").GetString()!),
        new Sku(item.GetProperty("sku").GetString()!),
        item.TryGetProperty("location", out var location) && location.ValueKind == JsonValueKind.String ? new LocationId(location.GetString()!) : null,
        item.GetProperty("level").GetInt32(),
        ParseTime(item.GetProperty("asOf").GetString()!));

    /// <summary>
    /// The positions and open orders a head item holds (the head as a whole, or as the load query projects it). A head
    /// written before open orders were kept has none: what its channels hold in orders is then unknown (DESIGN §1).
    /// </summary>
    public static LoadedHead ReadHead(JsonElement head) => new(
        [.. head.GetProperty("positions").EnumerateArray().Select(ReadPosition)],
        head.TryGetProperty("openOrders", out var orders) && orders.ValueKind == JsonValueKind.Array ? [.. orders.EnumerateArray().Select(ReadOpenOrder)] : []);

    private static OpenOrder ReadOpenOrder(JsonElement order) => new(
        order.GetProperty("orderId").GetString()!,
        new LocationId(order.GetProperty("location").GetString()!),
        new ChannelId(order.GetProperty("channel").GetString()!),
        order.GetProperty("quantity").GetInt32());

    private static PositionState ReadPosition(JsonElement position) => new(
        new LocationId(position.GetProperty("location").GetString()!),
        position.GetProperty("onHand").GetInt32(),
        position.GetProperty("unsellable").GetInt32(),
        position.GetProperty("committed").GetInt32(),
        position.GetProperty("incoming").GetInt32(),
        position.TryGetProperty("lastCountedAt", out var counted) ? ParseTime(counted.GetString()!) : null);

    public static Reservation ReadReservation(JsonElement item) => new(
        new ReservationId(item.GetProperty("reservationId").GetString()!),
        new Sku(item.GetProperty("sku").GetString()!),
        new LocationId(item.GetProperty("location").GetString()!),
        new ChannelId(item.GetProperty("channel").GetString()!),
        item.GetProperty("quantity").GetInt32(),
        ParseTime(item.GetProperty("createdAt").GetString()!),
        ParseTime(item.GetProperty("expiresAt").GetString()!),
        ParseStatus(item.GetProperty("status").GetString()!),
        item.TryGetProperty("orderId", out var order) && order.ValueKind == JsonValueKind.String ? order.GetString() : null);

    public static LedgerEntry ReadLedger(JsonElement item) => LedgerEntryJson.Deserialize(item.GetProperty("entry").GetRawText());

    public static string Status(ReservationStatus status) => status switch
    {
        ReservationStatus.Active => "active",
        ReservationStatus.Confirmed => "confirmed",
        ReservationStatus.Released => "released",
        ReservationStatus.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown reservation status"),
    };

    private static ReservationStatus ParseStatus(string status) => status switch
    {
        "active" => ReservationStatus.Active,
        "confirmed" => ReservationStatus.Confirmed,
        "released" => ReservationStatus.Released,
        "expired" => ReservationStatus.Expired,
        _ => throw new InvalidDataException($"stored reservation status '{status}' is unknown"),
    };

    private static void Envelope(Utf8JsonWriter writer, string id, Sku sku, string type)
    {
        writer.WriteString("id", id);
        writer.WriteString("sku", sku.Value);
        writer.WriteString("type", type);
    }

    private static MemoryStream Write(Action<Utf8JsonWriter> body)
    {
        var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        stream.Position = 0;
        return stream;
    }
}

/// <summary>What a head item holds besides its version: the SKU's positions and open orders.</summary>
internal sealed record LoadedHead(IReadOnlyList<PositionState> Positions, IReadOnlyList<OpenOrder> OpenOrders)
{
    /// <summary>This head with a commit's changes laid over it: changed positions replaced, closed orders dropped.</summary>
    public LoadedHead With(SkuCommit commit)
    {
        var positions = Positions.ToDictionary(p => p.Location);
        foreach (var position in commit.Positions)
        {
            positions[position.Location] = position;
        }
        var orders = OpenOrders.ToDictionary(o => (o.OrderId, o.Location));
        foreach (var order in commit.OpenOrders)
        {
            orders[(order.OrderId, order.Location)] = order;
        }
        return new LoadedHead([.. positions.Values], [.. orders.Values.Where(o => !o.IsClosed)]);
    }
}
