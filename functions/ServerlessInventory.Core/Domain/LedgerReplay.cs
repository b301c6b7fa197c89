using ServerlessInventory.Core.Events;

namespace ServerlessInventory.Core.Domain;

/// <summary>Rebuilds positions from a SKU's ledger alone: the audit trail is enough to restore the master.</summary>
public static class LedgerReplay
{
    /// <summary>Folds entries in applied order into the positions they produce: replay of the ledger.</summary>
    public static IReadOnlyDictionary<LocationId, PositionState> Rebuild(IEnumerable<LedgerEntry> entries)
    {
        var positions = new Dictionary<LocationId, PositionState>();
        foreach (var entry in entries)
        {
            foreach (var effect in entry.Effects)
            {
                var position = positions.GetValueOrDefault(effect.Location) ?? PositionState.Empty(effect.Location);
                positions[effect.Location] = position.Plus(effect);
            }
            if (entry.Event is StockCounted count && !entry.HasFlag(LedgerFlags.StaleCount))
            {
                var position = positions.GetValueOrDefault(count.Location) ?? PositionState.Empty(count.Location);
                positions[count.Location] = position with { LastCountedAt = SkuInventory.EffectiveMoment(count.CountedAt, entry.AppliedAt) };
            }
        }
        return positions;
    }

    /// <summary>
    /// The orders still open after these entries, each held for the channel that placed it. A placement that converted a
    /// reservation is held for the reservation's channel, which the entry names when it is not the event's source.
    /// </summary>
    public static IReadOnlyList<OpenOrder> RebuildOpenOrders(IEnumerable<LedgerEntry> entries)
    {
        var open = new Dictionary<(string OrderId, LocationId Location), OpenOrder>();
        foreach (var entry in entries)
        {
            var placedBy = entry.HasFlag(LedgerFlags.AlreadyCommitted) ? (ChannelId?)null : entry.HeldFor ?? entry.Event.Source;
            if (OpenOrderTracking.After(entry.Event, placedBy, open) is { } changed)
            {
                open[(changed.OrderId, changed.Location)] = changed;
            }
        }
        return [.. open.Values.Where(o => !o.IsClosed)];
    }

    /// <summary>
    /// The commit that restores a SKU into a store that has never seen it: its whole ledger, in applied
    /// order, and the positions and open orders that ledger folds into. Reservations are not events and are not restored.
    /// </summary>
    public static SkuCommit RestoreCommit(Sku sku, IReadOnlyList<LedgerEntry> entriesInAppliedOrder) =>
        new(sku, 0, null, entriesInAppliedOrder, [.. Rebuild(entriesInAppliedOrder).Values], [], RebuildOpenOrders(entriesInAppliedOrder));
}
