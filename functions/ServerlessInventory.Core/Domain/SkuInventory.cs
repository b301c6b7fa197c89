using ServerlessInventory.Core.Availability;
using ServerlessInventory.Core.Events;
using ServerlessInventory.Core.Ports;

namespace ServerlessInventory.Core.Domain;

/// <summary>
/// The aggregate: one SKU's positions and reservations, loaded from a snapshot, changed by events and
/// reservation commands, and turned into one atomic <see cref="SkuCommit"/>. Not thread safe: one
/// decision at a time, with optimistic concurrency between decisions.
/// </summary>
public sealed partial class SkuInventory
{
    private readonly Dictionary<LocationId, PositionState> _positions;
    private readonly Dictionary<ReservationId, Reservation> _reservations;
    private readonly HashSet<EventKey> _applied;
    private readonly Dictionary<(string OrderId, LocationId Location), OpenOrder> _openOrders;
    private readonly HashSet<(string OrderId, LocationId Location)> _changedOpenOrders = [];
    private readonly HashSet<LocationId> _changedPositions = [];
    private readonly HashSet<ReservationId> _changedReservations = [];
    private readonly Dictionary<(ChannelId Channel, LocationId? Location), ReportedLevel> _levels;
    private readonly HashSet<(ChannelId Channel, LocationId? Location)> _changedLevels = [];
    private readonly List<LedgerEntry> _newEntries = [];
    private readonly InventoryCatalog _catalog;

    public SkuInventory(SkuSnapshot snapshot, InventoryCatalog catalog)
    {
        Sku = snapshot.Sku;
        Version = snapshot.Version;
        ConcurrencyToken = snapshot.ConcurrencyToken;
        _positions = snapshot.Positions.ToDictionary(p => p.Location);
        _reservations = snapshot.Reservations.ToDictionary(r => r.Id);
        _applied = [.. snapshot.AppliedEvents];
        _openOrders = snapshot.OpenOrders.ToDictionary(o => (o.OrderId, o.Location));
        _levels = snapshot.ReportedLevels.ToDictionary(l => (l.Channel, l.Location));
        LedgerAfter = snapshot.LedgerAfter;
        _catalog = catalog;
    }

    public Sku Sku { get; }

    /// <summary>The version loaded; the commit will be <c>Version + 1</c>.</summary>
    public long Version { get; }

    public string? ConcurrencyToken { get; }

    /// <summary>The ledger entries the load was asked for (<see cref="SnapshotRequest.LedgerAfter"/>), in applied order.</summary>
    public IReadOnlyList<LedgerEntry> LedgerAfter { get; }

    public bool HasChanges => _changedPositions.Count > 0 || _changedReservations.Count > 0 || _newEntries.Count > 0 || _changedOpenOrders.Count > 0 || _changedLevels.Count > 0;

    /// <summary>Entries applied by this decision so far, in order.</summary>
    public IReadOnlyList<LedgerEntry> NewEntries => _newEntries;

    public IEnumerable<Reservation> Reservations => _reservations.Values;

    /// <summary>Orders with units still committed, each with the channel that placed it.</summary>
    public IEnumerable<OpenOrder> OpenOrders => _openOrders.Values;

    public PositionState Position(LocationId location) =>
        _positions.TryGetValue(location, out var position) ? position : PositionState.Empty(location);

    public bool TryGetReservation(ReservationId id, out Reservation reservation) => _reservations.TryGetValue(id, out reservation!);

    /// <summary>Every known position with all its quantities at <paramref name="now"/>.</summary>
    public IReadOnlyDictionary<LocationId, PositionView> ViewAt(DateTimeOffset now)
    {
        var reserved = new Dictionary<LocationId, int>();
        foreach (var reservation in _reservations.Values)
        {
            if (reservation.HoldsStockAt(now))
            {
                reserved[reservation.Location] = reserved.GetValueOrDefault(reservation.Location) + reservation.Quantity;
            }
        }
        var locations = _positions.Keys.Union(reserved.Keys);
        return locations.ToDictionary(l => l, l => ToView(Position(l), reserved.GetValueOrDefault(l)));
    }

    public PositionView ViewAt(LocationId location, DateTimeOffset now)
    {
        var reserved = _reservations.Values.Where(r => r.Location == location && r.HoldsStockAt(now)).Sum(r => r.Quantity);
        return ToView(Position(location), reserved);
    }

    /// <summary>Everything a channel's availability is computed from at <paramref name="now"/>.</summary>
    public AvailabilityView AvailabilityAt(DateTimeOffset now)
    {
        var held = new Dictionary<(ChannelId, LocationId), int>();
        foreach (var reservation in _reservations.Values.Where(r => r.HoldsStockAt(now)))
        {
            held[(reservation.Channel, reservation.Location)] = held.GetValueOrDefault((reservation.Channel, reservation.Location)) + reservation.Quantity;
        }
        foreach (var order in _openOrders.Values)
        {
            held[(order.Channel, order.Location)] = held.GetValueOrDefault((order.Channel, order.Location)) + order.Quantity;
        }
        return new AvailabilityView(ViewAt(now), held);
    }

    /// <summary>Availability for every configured channel that sells from at least one location.</summary>
    public IReadOnlyList<ChannelAvailability> ChannelsAt(DateTimeOffset now)
    {
        var view = AvailabilityAt(now);
        return [.. _catalog.Channels.Select(c => new ChannelAvailability(c.Channel, c.AvailableFrom(view)))];
    }

    /// <summary>The atomic change this decision made, or null when it changed nothing.</summary>
    public SkuCommit? ToCommit() => HasChanges
        ? new SkuCommit(
            Sku,
            Version,
            ConcurrencyToken,
            [.. _newEntries],
            [.. _changedPositions.Select(Position)],
            [.. _changedReservations.Select(id => _reservations[id])],
            [.. _changedOpenOrders.Select(key => _openOrders[key])],
            [.. _changedLevels.Select(key => _levels[key])])
        : null;

    /// <summary>The latest level each channel reported for this SKU per location (or pooled), as loaded and as changed since.</summary>
    public IEnumerable<ReportedLevel> ReportedLevels => _levels.Values;

    private PositionView ToView(PositionState position, int reserved) => new(
        position.Location,
        position.OnHand,
        position.Unsellable,
        position.Committed,
        reserved,
        _catalog.SafetyStock(Sku, position.Location),
        position.Incoming);

    private void SetPosition(PositionState position)
    {
        _positions[position.Location] = position;
        _changedPositions.Add(position.Location);
    }

    private void SetOpenOrder(OpenOrder order)
    {
        _openOrders[(order.OrderId, order.Location)] = order;
        _changedOpenOrders.Add((order.OrderId, order.Location));
    }

    /// <summary>
    /// Keeps the report's level unless one at least as recent is kept for its channel and location: reports arrive out
    /// of order, and the latest true one wins. Needs the kept levels loaded (<see cref="SnapshotRequest.ReportedLevels"/>).
    /// </summary>
    private void KeepLevel(LevelReported report)
    {
        var key = (report.Channel, report.Location);
        if (_levels.TryGetValue(key, out var kept) && kept.AsOf >= report.Time)
        {
            return;
        }
        _levels[key] = new ReportedLevel(report.Channel, report.Sku, report.Location, report.Quantity, report.Time);
        _changedLevels.Add(key);
    }

    private void SetReservation(Reservation reservation)
    {
        _reservations[reservation.Id] = reservation;
        _changedReservations.Add(reservation.Id);
    }
}
